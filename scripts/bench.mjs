#!/usr/bin/env node
/**
 * Speed benchmark: the whole pipeline over a folder of texts, per stage, with two baselines measured in the
 * same run on the same texts, so results are ratios that hold on any machine:
 *   - scan: reading every text and one regex pass over it (the floor);
 *   - compromise: a full compromise parse (nlp(text).json()), the NLP cost the pipeline keeps off its hot path.
 *
 *   npm run bench [-- DIR ...] [--repeat N]
 *
 * Default input: corpus/ plus, when present, ../shared/benchmarks/{timebank-aquaint,net-zero-tracker-dev}/docs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nlp from 'compromise';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { extractText } from '../dist/extract/pipeline.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt, positionals } = parseArgs({ allowPositionals: true, options: { repeat: { type: 'string', default: '3' } } });
const dirs = positionals.length ? positionals : [join(here, '..', 'corpus'), ...['timebank-aquaint', 'net-zero-tracker-dev'].map(s => join(here, '..', '..', 'shared', 'benchmarks', s, 'docs')).filter(existsSync)];
const files = dirs.flatMap(d => readdirSync(d).filter(f => /\.(md|txt)$/i.test(f)).sort().map(f => join(d, f)));
const texts = files.map(f => ({ path: f, text: readFileSync(f, 'utf8').replace(/^\uFEFF/, '') }));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0) / 1e6;
const rules = loadRules(BUNDLED_RULES);
const repeat = Math.max(1, Number(opt.repeat));

function time(fn) {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) { const t = performance.now(); fn(); best = Math.min(best, performance.now() - t); }
  return best;
}

const scanMs = time(() => { let n = 0; for (const t of texts) n += (readFileSync(t.path, 'utf8').match(/\d+/g) ?? []).length; return n; });
const stages = {};
const pipeMs = time(() => {
  for (const k of Object.keys(stages)) delete stages[k];
  for (const t of texts) extractText(t.text, rules, { docId: 'bench', path: t.path, markdown: /\.md$/i.test(t.path), referenceDate: null, timings: stages });
});
// compromise on a sample, scaled: a full parse of everything would dominate the run.
const sample = texts.slice(0, Math.max(5, Math.ceil(texts.length / 10)));
const sampleMb = sample.reduce((n, t) => n + Buffer.byteLength(t.text), 0) / 1e6;
const nlpMs = time(() => { for (const t of sample) nlp(t.text).json(); }) * (mb / sampleMb);

const rate = ms => (mb / (ms / 1000)).toFixed(2);
console.log(`${texts.length} documents, ${mb.toFixed(2)} MB, best of ${repeat} runs, one core`);
console.log(`pipeline     ${pipeMs.toFixed(0).padStart(7)} ms  ${rate(pipeMs).padStart(7)} MB/s`);
console.log(`scan         ${scanMs.toFixed(0).padStart(7)} ms  ${rate(scanMs).padStart(7)} MB/s  (pipeline is ${(pipeMs / scanMs).toFixed(1)}x the scan)`);
console.log(`compromise   ${nlpMs.toFixed(0).padStart(7)} ms  ${rate(nlpMs).padStart(7)} MB/s  (pipeline is ${(nlpMs / pipeMs).toFixed(1)}x faster)`);
const total = Object.values(stages).reduce((a, b) => a + b, 0);
console.log('stages (share of pipeline time):');
for (const [k, v] of Object.entries(stages).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(11)} ${(100 * v / total).toFixed(1).padStart(5)}%`);
