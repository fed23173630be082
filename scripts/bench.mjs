#!/usr/bin/env node
/**
 * Speed and memory benchmark. For each corpus size (default 1,000 and 10,000 generated press releases, every
 * one different, scripts/gen-corpus.mjs) it measures in the same run:
 *   - the full pipeline on one thread, in batches as the workers of `pressmill extract` run it (extractTexts,
 *     inBatches): documents/s, MB/s, share of time per stage;
 *   - the baseline: compromise alone (nlp(text) plus its people, places, organisations and numbers) over the
 *     same documents on one thread; results are ratios to it, so they hold on any machine;
 *   - `pressmill extract` with --jobs 1 and --jobs 2 (no cache), in --pairs pairs (default 3): the speed-up of
 *     two workers (the median of the pairs' ratios, with their range) and peak RSS (the largest); and what bounds
 *     the speed-up: the extra CPU time (every thread) two workers spend over one on the same documents, and the
 *     most the speed-up can be when that CPU time is spread over every core (speedup_bound);
 *   - before each pair, a machine probe: the baseline's work over PROBE_DOCS of the documents on one worker
 *     thread, then split over two (in the pair's order), timed once each thread has loaded and warmed up: the
 *     speed-up this machine gives, at that moment, to threads that share nothing (machine_speedup_2_threads),
 *     and the pipeline's speed-up as a share of it (speedup_vs_machine, the median of the pairs' shares). On
 *     this machine's shared cores it moved from 1.16x to 2.04x in one day; a reading of a few seconds, it moves
 *     as much as the pairs do and does not bound them;
 *   - a cold run into an empty cache, then an unchanged re-run: the re-run's share of the cold run's time.
 * This machine's speed drifts by tens of percent over minutes, and not evenly. So the pipeline and the baseline
 * take turns on chunks of CHUNK documents (A B, then B A), each summing its own chunks, and the pairs of
 * command-line runs alternate their order (1 2, 2 1, 1 2, ...): a slow minute then falls on both sides.
 *
 *   npm run bench [-- --sizes 1000,10000] [--seed 42] [--pairs 3] [--json]
 *
 * With --json the last line of output is one JSON object (mb_per_s, baseline_mb_per_s, ratio_to_baseline,
 * speedup_2_workers, extra_cpu_2_workers, speedup_bound, machine_speedup_2_threads, speedup_vs_machine, cores,
 * peak_rss_mb_1k, peak_rss_mb_10k, rerun_ratio, and the same per size).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import nlp from 'compromise';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { extractText, extractTexts } from '../dist/extract/pipeline.js';
import { inBatches, BATCH_DOCS } from '../dist/extract/batching.js';
import { generate } from './gen-corpus.mjs';
import { NODE_FLAGS } from '../dist/batch/jit.js';

// Everything is measured as the `pressmill` command runs, with the Node flags of its #! line: the command-line
// runs get them, and this process (the pipeline and the baseline, in turns) is started again with them.
if (!NODE_FLAGS.every(f => process.execArgv.includes(f))) {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'pressmill.js');
const { values: opt } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, seed: { type: 'string', default: '42' }, pairs: { type: 'string', default: '3' }, json: { type: 'boolean' } } });
const pairs = Math.max(1, Number(opt.pairs) || 1);
/** Documents per turn of the pipeline and the baseline: two of the pipeline's batches. */
const CHUNK = 2 * BATCH_DOCS;
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const sizes = opt.sizes.split(',').map(Number).filter(n => n > 0);
const log = (...a) => console.log(...a);
const rules = loadRules(BUNDLED_RULES);
const cores = availableParallelism();

/** Documents the machine probe times (about 5-9 s on one thread here), after PROBE_WARM_DOCS to warm each thread up. */
const PROBE_DOCS = 256;
const PROBE_WARM_DOCS = 64;
const probeWorker = new URL('./bench-baseline-worker.mjs', import.meta.url);

/**
 * Wall seconds for worker threads, one per share, to run the baseline over their texts, all started together
 * once every thread has loaded compromise and warmed up: what the machine gives threads that share nothing.
 */
async function baselineThreads(shares, warm) {
  const workers = shares.map(texts => new Worker(probeWorker, { workerData: { texts, warm } }));
  const said = (w, what) => new Promise((resolve, reject) => { w.once('error', reject); w.once('message', m => (m === what ? resolve() : reject(new Error(`probe worker said ${m}`)))); });
  await Promise.all(workers.map(w => said(w, 'ready')));
  const t = performance.now();
  const done = Promise.all(workers.map(w => said(w, 'done')));
  for (const w of workers) w.postMessage('go');
  await done;
  const seconds = (performance.now() - t) / 1000;
  await Promise.all(workers.map(w => w.terminate()));
  return seconds;
}

/** The speed-up of two threads over one on the same share-nothing work, in the given order of runs. */
async function machineSpeedup(texts, warm, order) {
  const t = {};
  for (const j of order) t[j] = await baselineThreads(j === 1 ? [texts] : [texts.filter((_, i) => i % 2 === 0), texts.filter((_, i) => i % 2 === 1)], warm);
  return t[1] / t[2];
}

function cli(args) {
  const t = performance.now();
  const out = execFileSync(process.execPath, [...NODE_FLAGS, bin, 'extract', ...args, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { seconds: (performance.now() - t) / 1000, summary: JSON.parse(out.trim().split('\n').pop()) };
}

const results = {};
for (const n of sizes) {
  const root = mkdtempSync(join(tmpdir(), `pressmill-bench-${n}-`));
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  const docs = generate(n, Number(opt.seed));
  for (const d of docs) writeFileSync(join(corpus, d.name), d.text);
  const mb = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0) / 1e6;
  log(`\n## ${n} documents, ${mb.toFixed(1)} MB (seed ${opt.seed})`);

  // Warm both up on a few documents first, so neither pays for loading its code in the measurement.
  for (const d of docs.slice(0, 20)) { extractText(d.text, rules, { docId: 'w', path: d.name, markdown: false, referenceDate: null }); nlp(d.text).people(); }
  // The pipeline and the baseline take turns on chunks of the corpus (A B, B A, ...), and the pairs of
  // command-line runs alternate their order: a machine that slows down for a minute (shared cores drift by tens
  // of percent, and not evenly) slows both sides of a ratio alike.
  const stages = {};
  // The last batch's working objects are kept until the next is done, as a worker keeps them (Hold in pipeline.ts).
  let held = null;
  const hold = w => { held = w; };
  const pipeline = ds => {
    const t = performance.now();
    // In batches, as the workers of `pressmill extract` run it (extractTexts).
    for (const b of inBatches(ds, d => Buffer.byteLength(d.text))) extractTexts(b.map(d => ({ text: d.text, opts: { docId: 'b', path: d.name, markdown: false, referenceDate: null } })), rules, stages, hold);
    return (performance.now() - t) / 1000;
  };
  const baseline = ds => {
    const t = performance.now();
    for (const d of ds) {
      const doc = nlp(d.text);
      doc.people().out('array'); doc.places().out('array'); doc.organizations().out('array'); doc.numbers().json();
    }
    return (performance.now() - t) / 1000;
  };
  let pipeS = 0, baseS = 0;
  for (let at = 0, k = 0; at < docs.length; at += CHUNK, k++) {
    const chunk = docs.slice(at, at + CHUNK);
    if (k % 2 === 0) { pipeS += pipeline(chunk); baseS += baseline(chunk); }
    else { baseS += baseline(chunk); pipeS += pipeline(chunk); }
  }
  const runs = { 1: [], 2: [] };
  const ratios = [], extraCpu = [], bounds = [], machine = [];
  const probeTexts = docs.slice(0, PROBE_DOCS).map(d => d.text);
  const probeWarm = docs.slice(-PROBE_WARM_DOCS).map(d => d.text);
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 === 0 ? [1, 2] : [2, 1];
    machine.push(await machineSpeedup(probeTexts, probeWarm, order));
    const t = {};
    for (const j of order) {
      const r = cli([corpus, '--out', join(root, `o${j}-${p}`), '--jobs', String(j), '--no-cache']);
      runs[j].push(r);
      t[j] = r.seconds;
    }
    ratios.push(t[1] / t[2]);
    // What bounds the speed-up: the CPU time the two-worker run spent (every thread of it), spread over every core,
    // cannot take less than cpu / cores; and the extra CPU two workers spend over one on the same documents.
    const cpu2 = runs[2].at(-1).summary.cpu_s, cpu1 = runs[1].at(-1).summary.cpu_s;
    extraCpu.push(cpu2 / cpu1 - 1);
    bounds.push(cores * t[1] / cpu2);
  }
  const summarise = rs => ({ seconds: median(rs.map(r => r.seconds)), cpu: median(rs.map(r => r.summary.cpu_s)), summary: { peak_rss_mb: Math.max(...rs.map(r => r.summary.peak_rss_mb)) } });
  const j1 = summarise(runs[1]);
  const j2 = summarise(runs[2]);
  const cache = join(root, 'cache');
  const cold = cli([corpus, '--out', join(root, 'o3'), '--jobs', '2', '--cache-dir', cache]);
  const warm = cli([corpus, '--out', join(root, 'o3'), '--jobs', '2', '--cache-dir', cache]);
  rmSync(root, { recursive: true, force: true });

  const total = Object.values(stages).reduce((a, b) => a + b, 0);
  const r = {
    documents: n, mb: Number(mb.toFixed(2)),
    mb_per_s: Number((mb / pipeS).toFixed(3)), docs_per_s: Number((n / pipeS).toFixed(1)),
    baseline_mb_per_s: Number((mb / baseS).toFixed(3)), ratio_to_baseline: Number((baseS / pipeS).toFixed(2)),
    cli_jobs1_s: Number(j1.seconds.toFixed(2)), cli_jobs2_s: Number(j2.seconds.toFixed(2)), speedup_2_workers: Number(median(ratios).toFixed(2)), speedup_pairs: ratios.map(x => Number(x.toFixed(2))),
    cpu_jobs1_s: Number(j1.cpu.toFixed(2)), cpu_jobs2_s: Number(j2.cpu.toFixed(2)), extra_cpu_2_workers: Number(median(extraCpu).toFixed(3)), speedup_bound: Number(median(bounds).toFixed(2)),
    machine_speedup_2_threads: Number(median(machine).toFixed(2)), machine_speedup_pairs: machine.map(x => Number(x.toFixed(2))), speedup_vs_machine: Number(median(ratios.map((x, i) => x / machine[i])).toFixed(2)),
    peak_rss_mb: j2.summary.peak_rss_mb, peak_rss_mb_jobs1: j1.summary.peak_rss_mb,
    cold_s: Number(cold.seconds.toFixed(2)), rerun_s: Number(warm.seconds.toFixed(2)), rerun_ratio: Number((warm.seconds / cold.seconds).toFixed(3)), rerun_cached: warm.summary.cached,
    stages: Object.fromEntries(Object.entries(stages).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Number((v / total).toFixed(3))])),
  };
  results[n] = r;
  log(`pipeline, one thread   ${r.mb_per_s.toFixed(2)} MB/s, ${r.docs_per_s} documents/s`);
  log(`compromise baseline    ${r.baseline_mb_per_s.toFixed(2)} MB/s  → pipeline is ${r.ratio_to_baseline}x the baseline`);
  log(`extract --jobs 1       ${r.cli_jobs1_s} s, peak RSS ${r.peak_rss_mb_jobs1} MB`);
  log(`extract --jobs 2       ${r.cli_jobs2_s} s, peak RSS ${r.peak_rss_mb} MB  → ${r.speedup_2_workers}x one worker (median of ${pairs} pairs: ${r.speedup_pairs.join(', ')})`);
  log(`CPU time, all threads  ${r.cpu_jobs1_s} s / ${r.cpu_jobs2_s} s → two workers spend ${(100 * r.extra_cpu_2_workers).toFixed(1)}% more; on ${cores} cores the speed-up can be at most ${r.speedup_bound}x`);
  log(`machine probe          compromise alone on ${Math.min(PROBE_DOCS, n)} documents, two threads / one: ${r.machine_speedup_2_threads}x (pairs: ${r.machine_speedup_pairs.join(', ')}) → two workers reach ${(100 * r.speedup_vs_machine).toFixed(0)}% of it`);
  log(`cold run / re-run      ${r.cold_s} s / ${r.rerun_s} s (${r.rerun_cached} from cache) → re-run is ${(100 * r.rerun_ratio).toFixed(1)}% of the cold run`);
  log('stages (share of pipeline time):');
  for (const [k, v] of Object.entries(r.stages)) log(`  ${k.padEnd(11)} ${(100 * v).toFixed(1).padStart(5)}%`);
}

const ns = Object.keys(results).map(Number).sort((a, b) => a - b);
const big = results[ns[ns.length - 1]];
const summary = {
  mb_per_s: big.mb_per_s,
  baseline_mb_per_s: big.baseline_mb_per_s,
  ratio_to_baseline: Math.min(...ns.map(n => results[n].ratio_to_baseline)),
  speedup_2_workers: big.speedup_2_workers,
  extra_cpu_2_workers: big.extra_cpu_2_workers,
  speedup_bound: big.speedup_bound,
  machine_speedup_2_threads: big.machine_speedup_2_threads,
  speedup_vs_machine: big.speedup_vs_machine,
  cores,
  peak_rss_mb_1k: results[1000]?.peak_rss_mb ?? null,
  peak_rss_mb_10k: results[10000]?.peak_rss_mb ?? null,
  rss_ratio_10k_1k: results[1000] && results[10000] ? Number((results[10000].peak_rss_mb / results[1000].peak_rss_mb).toFixed(2)) : null,
  rerun_ratio: big.rerun_ratio,
  node_flags: NODE_FLAGS,
  sizes: results,
};
if (opt.json) log(JSON.stringify(summary));
