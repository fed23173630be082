#!/usr/bin/env node
/**
 * Runs pressmill on every development set in ../shared/benchmarks that is present and prints the scorer rows
 * its README says to read. Not part of npm test.
 *
 *   npm run bench:dev [-- SET ...]      e.g. npm run bench:dev -- timebank-aquaint gum-news
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'pressmill.js');
const root = join(here, '..', '..', 'shared', 'benchmarks');
const ROWS = {
  'timebank-aquaint': /^(dates|dates\(strict span\)|dates\(relaxed span\)|dates\(value\)|\s+dates\.type|\s+document\.reference_year)\s/,
  'net-zero-tracker-dev': /^(targets|quantities\(any kind\)|\s+targets\.period|\s+targets\.direction)\s/,
  'polnear-dev': /^(speakers|statements|\s+statements\.kind|\s+document\.reference_year)\s/,
  'gum-news': /^(entities\(untyped\)|entities\(typed\)|dates\(strict span\)|dates\(relaxed span\)|dates\(value\)|\s+dates\.type)\s/,
};
const sets = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(ROWS);
if (!existsSync(root)) { console.error(`bench:dev: ${root} not found; nothing to run`); process.exit(0); }
for (const set of sets) {
  const docs = join(root, set, 'docs'), gold = join(root, set, 'gold');
  if (!existsSync(docs)) { console.log(`${set}: not present`); continue; }
  const out = mkdtempSync(join(tmpdir(), `pressmill-${set}-`));
  const t = performance.now();
  execFileSync(process.execPath, [bin, 'extract', docs, '--out', out], { stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = performance.now() - t;
  const report = execFileSync(process.execPath, [bin, 'eval', '--pred', join(out, 'json'), '--gold', gold], { encoding: 'utf8' });
  console.log(`\n## ${set} (extract ${(ms / 1000).toFixed(1)} s)`);
  console.log(report.split('\n').filter(l => /^type|^field/.test(l) || ROWS[set]?.test(l)).join('\n'));
}
