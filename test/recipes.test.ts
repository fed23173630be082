/**
 * The README's recipes for loading the dataset run as written: pandas (Debian's python3-pandas), R (Debian's
 * r-base-core) and DuckDB (@duckdb/node-api); each joins targets to speakers. .ci/run installs the first two.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tmp } from './helpers.js';

/** The fenced code block of a language in the README's "The data package" section. */
function recipe(lang: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## The data package'), readme.indexOf('## Batch runs at scale'));
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section);
  if (!m) throw new Error(`no ${lang} recipe in README`);
  return m[1]!;
}

const root = tmp('pressmill-recipes-');
let targets = 0, withSpeaker = 0;
beforeAll(async () => {
  expect((await run(['extract', 'corpus', '--out', join(root, 'output'), '--no-cache'])).code).toBe(0);
  const docs = readdirSync(join(root, 'output', 'json'));
  for (const f of docs) {
    const d = JSON.parse(readFileSync(join(root, 'output', 'json', f), 'utf8')) as { targets: { speaker_id: string | null }[] };
    targets += d.targets.length;
    withSpeaker += d.targets.filter(t => t.speaker_id !== null).length;
  }
}, 60_000);

const hasPandas = (() => { try { execFileSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const hasR = existsSync('/usr/bin/Rscript');

describe('loading the dataset', () => {
  it.skipIf(!hasPandas && !process.env.CI)('pandas', () => {
    const out = execFileSync('/usr/bin/python3', ['-c', `${recipe('python')}\nprint("ROWS", len(by_speaker), by_speaker["name"].notna().sum())`], { cwd: root, encoding: 'utf8' });
    expect(out).toContain(`ROWS ${targets} ${withSpeaker}`);
  });
  it.skipIf(!hasR && !process.env.CI)('R', () => {
    const out = execFileSync('/usr/bin/Rscript', ['-e', `${recipe('r')}\ncat("ROWS", nrow(by_speaker), sum(!is.na(by_speaker$name)), "\\n")`], { cwd: root, encoding: 'utf8' });
    expect(out).toContain(`ROWS ${targets} ${withSpeaker}`);
  });
  it('DuckDB', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`SET file_search_path = '${root.replace(/'/g, "''")}'`);
    const sql = recipe('sql').replace(/^--.*\n/gm, '');
    const rows = (await con.runAndReadAll(sql)).getRowObjects();
    expect(rows.length).toBe(targets);
    expect(rows.filter(r => r.name !== null).length).toBe(withSpeaker);
    con.closeSync();
    db.closeSync();
  });
  it('the recipes join something: some targets have a speaker', () => {
    expect(targets).toBeGreaterThan(100);
    expect(withSpeaker).toBeGreaterThan(0);
  });
});
