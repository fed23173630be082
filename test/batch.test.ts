/**
 * Batch runs: the dataset is byte-identical for any number of workers, from the cache and from merged shards;
 * a killed run leaves no partial file and the next run completes it; a document that hangs a worker is
 * reported and skipped while the batch goes on.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../dist/batch/pool.js';
import { defaultJobs, runBatch } from '../dist/batch/run.js';
// @ts-expect-error: a script without type declarations
import { generate } from '../scripts/gen-corpus.mjs';
import { parseShard, shardOf } from '../dist/batch/shard.js';
import { run, tmp } from './helpers.js';
import { extractAllBytes, extractBytes, listCorpus, readInput } from '../dist/corpus.js';
import { BUNDLED_RULES, loadRules } from '../dist/index.js';

/** Every file under a folder, by relative path, with its bytes. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function expectSameTree(a: string, b: string) {
  const ta = tree(a), tb = tree(b);
  expect([...tb.keys()]).toEqual([...ta.keys()]);
  for (const [k, v] of ta) expect(tb.get(k), k).toBe(v);
}

describe('the dataset does not depend on how it was made', () => {
  const root = tmp('pressmill-batch-');
  it('is byte-identical for --jobs 1, --jobs 2, a re-run from the cache and 3 merged shards', async () => {
    const one = join(root, 'one'), two = join(root, 'two'), cached = join(root, 'cached'), merged = join(root, 'merged');
    expect((await run(['extract', 'corpus', '--out', one, '--jobs', '1', '--no-cache'])).code).toBe(0);
    expect((await run(['extract', 'corpus', '--out', two, '--jobs', '2', '--no-cache'])).code).toBe(0);
    const cache = join(root, 'cache');
    await run(['extract', 'corpus', '--out', cached, '--cache-dir', cache]);
    const again = await run(['extract', 'corpus', '--out', cached, '--cache-dir', cache, '--json']);
    const summary = JSON.parse(again.stdout) as { documents: number; cached: number };
    expect(summary.cached).toBe(summary.documents);
    // A run into another folder cannot repeat the recorded run: it reads every document from the cache entries.
    const fromEntries = join(root, 'from-entries');
    const third = JSON.parse((await run(['extract', 'corpus', '--out', fromEntries, '--cache-dir', cache, '--json'])).stdout) as { documents: number; cached: number };
    expect(third.cached).toBe(third.documents);
    const shards = [1, 2, 3].map(i => join(root, `shard-${i}`));
    for (const [i, dir] of shards.entries()) expect((await run(['extract', 'corpus', '--out', dir, '--shard', `${i + 1}/3`, '--no-cache'])).code).toBe(0);
    const counts = shards.map(d => readdirSync(join(d, 'json')).length);
    expect(counts.every(n => n > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(readdirSync(join(one, 'json')).length);
    expect((await run(['merge', ...shards, '--out', merged])).code).toBe(0);
    expectSameTree(one, two);
    expectSameTree(one, cached);
    expectSameTree(one, fromEntries);
    expectSameTree(one, merged);
  });
  it("is byte-identical whether outputs come through a worker's ring, a ring too small for a batch, or as moved buffers", async () => {
    const corpus = join(root, 'generated');
    mkdirSync(corpus);
    for (const d of generate(160, 7)) writeFileSync(join(corpus, d.name), d.text);
    const rules = { dir: 'rules', digest: 'test', ids: [] };
    // 16 MB (the default), 3 MB (about one batch: the ring wraps, or a batch goes as moved buffers), 64 KB (never room), none.
    const outs: string[] = [];
    for (const arenaBytes of [16 * 1024 * 1024, 3 * 1024 * 1024, 64 * 1024, 0]) {
      outs.push(join(root, `arena-${arenaBytes}`));
      const summary = await runBatch({ corpus, out: outs.at(-1)!, rules, referenceDate: null, jobs: 2, cacheDir: null, arenaBytes });
      expect([summary.documents, summary.errors]).toEqual([160, 0]);
    }
    for (const o of outs.slice(1)) expectSameTree(outs[0]!, o);
  });

  it('refuses to merge shards that overlap', async () => {
    const a = join(root, 'one');
    const r = await run(['merge', a, a, '--out', join(root, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shards must not overlap');
    expect(existsSync(join(root, 'bad', 'manifest.json'))).toBe(false);
  });
  it('reads --shard as i/n and spreads documents over every shard', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('0/3')).toBe('--shard "0/3": i must be between 1 and n');
    expect(parseShard('a/b')).toBe('--shard "a/b" is not of the form i/n (e.g. 1/3)');
    const seen = new Set(Array.from({ length: 60 }, (_, i) => shardOf(`doc-${i}`, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('an unchanged re-run', () => {
  const root = tmp('pressmill-rerun-');
  const corpus = join(root, 'corpus'), out = join(root, 'out'), cache = join(root, 'cache');
  cpSync('corpus', corpus, { recursive: true });
  const extract = async () => {
    const r = await run(['extract', corpus, '--out', out, '--cache-dir', cache, '--json']);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as { documents: number; cached: number; counts: Record<string, number>; seconds: number; cpu_s: number };
  };
  it('writes nothing and reports the same summary', async () => {
    const first = await extract();
    const before = tree(out);
    const csvStat = statSync(join(out, 'csv', 'targets.csv'));
    const again = await extract();
    expect(again.cached).toBe(again.documents);
    expect(again.counts).toEqual(first.counts);
    // The summary gives the run's CPU time (every thread) beside its wall time: the cold run's workers used CPU.
    expect(first.cpu_s).toBeGreaterThan(0);
    expect(again.cpu_s).toBeLessThan(first.cpu_s);
    expect(again.documents).toBe(first.documents);
    // The CSV was not rewritten: same inode, same modification time.
    const after = statSync(join(out, 'csv', 'targets.csv'));
    expect([after.ino, after.mtimeMs]).toEqual([csvStat.ino, csvStat.mtimeMs]);
    expect(tree(out)).toEqual(before);
  });
  it('restores an output file that was edited', async () => {
    const before = tree(out);
    const victim = join(out, 'json', readdirSync(join(out, 'json')).sort()[0]!);
    writeFileSync(victim, readFileSync(victim, 'utf8').replace(/"doc_id"/u, '"doc_ID"'));
    const r = await extract();
    expect(r.cached).toBe(r.documents);
    expect(tree(out)).toEqual(before);
  });
  it('removes a per-document file no input makes any more', async () => {
    const before = tree(out);
    writeFileSync(join(out, 'json', 'left-over.json'), '{}');
    await extract();
    expect(tree(out)).toEqual(before);
  });
  it('extracts again only the document whose text changed', async () => {
    const name = readdirSync(corpus).filter(f => f.endsWith('.txt')).sort()[0]!;
    writeFileSync(join(corpus, name), `${readFileSync(join(corpus, name), 'utf8')}\nThe agency will plant 40,000 trees by 2031.\n`);
    const r = await extract();
    expect(r.cached).toBe(r.documents - 1);
  });
});

describe('a killed run', () => {
  it('leaves no partial file, and the next run completes the same dataset', async () => {
    const root = tmp('pressmill-kill-');
    const corpus = join(root, 'corpus');
    mkdirSync(corpus);
    const texts = readdirSync('corpus').filter(f => f.endsWith('.txt') && !readFileSync(join('corpus', f), 'utf8').startsWith('---'));
    // Enough documents for the run to be killed part-way.
    for (let k = 0; k < 12; k++) for (const f of texts) cpSync(join('corpus', f), join(corpus, `${k}-${f}`));
    const out = join(root, 'out');
    const child = spawn(process.execPath, ['bin/pressmill.js', 'extract', corpus, '--out', out, '--jobs', '1', '--no-cache'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const n = existsSync(join(out, 'json')) ? readdirSync(join(out, 'json')).length : 0;
        if (n >= 20) { clearInterval(poll); child.kill('SIGKILL'); resolve(); }
        else if (Date.now() - t0 > 50_000) { clearInterval(poll); child.kill('SIGKILL'); reject(new Error('the run wrote nothing to kill')); }
      }, 5);
    });
    await new Promise(r => child.on('exit', r));
    const partial = tree(out);
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.has('manifest.json')).toBe(false);
    expect([...partial.keys()].every(k => k.startsWith('json/') && k.endsWith('.json'))).toBe(true);
    for (const [k, v] of partial) expect(() => JSON.parse(v), k).not.toThrow();
    // The next run completes it, and matches a clean run.
    expect((await run(['extract', corpus, '--out', out, '--no-cache'])).code).toBe(0);
    const clean = join(root, 'clean');
    expect((await run(['extract', corpus, '--out', clean, '--no-cache'])).code).toBe(0);
    expectSameTree(clean, out);
    expect(readdirSync(root).filter(n => n.startsWith('.pressmill-staging'))).toEqual([]);
  });
});

describe('a document that hangs a worker', () => {
  it('is reported by path and skipped; the batch goes on', async () => {
    const root = tmp('pressmill-hang-');
    const rules = join(root, 'rules');
    cpSync('rules', rules, { recursive: true });
    // A rule with catastrophic backtracking, as a hand-written pattern can have.
    writeFileSync(join(rules, 'zz-slow.yaml'), [
      'kind: date',
      'description: A test rule whose pattern backtracks without end on a long run of "a".',
      'rules:',
      '  - id: date/slow',
      '    description: Backtracks.',
      `    pattern: '(?<year>(?:a+)+b)'`,
      '    examples:',
      '      positive:',
      '        - text: aab',
      '          expect: { text: aab }',
      '      negative: [bbb]',
      '',
    ].join('\n'));
    const corpus = join(root, 'corpus');
    mkdirSync(corpus);
    cpSync('corpus/us-epa-clean-ports-grants.txt', join(corpus, 'a.txt'));
    // "board" holds the rule's trigger ("b"), so the rule runs, and backtracks on the run of "a" before "c".
    writeFileSync(join(corpus, 'b-slow.txt'), `Title\n\nThe code was ${'a'.repeat(40)}c, the board said.\n`);
    cpSync('corpus/us-epa-clean-ports-grants.txt', join(corpus, 'c.txt'));
    const out = join(root, 'out');
    const r = await run(['extract', corpus, '--out', out, '--rules', rules, '--timeout', '6', '--no-cache', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('b-slow.txt: error: b-slow.txt: timed out after 6 s; skipped');
    expect(readdirSync(join(out, 'json')).sort()).toEqual(['a.json', 'c.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: { path: string; status: string }[] };
    expect(manifest.inputs.map(i => [i.path, i.status])).toEqual([['a.txt', 'ok'], ['b-slow.txt', 'skipped'], ['c.txt', 'ok']]);
  });
});

describe('documents extracted together', () => {
  it('give each the records, messages and rules it gives alone', () => {
    const rules = loadRules(BUNDLED_RULES);
    const files = listCorpus('corpus').map(input => {
      const read = readInput(input);
      if ('input' in read) throw new Error(`${input.path} unreadable`);
      return { input, bytes: read.bytes, sha256: read.sha256 };
    });
    expect(files.length).toBeGreaterThan(10);
    // The corpus as one batch, and backwards, against each document alone.
    const alone = files.map(f => JSON.stringify(extractBytes(f.input, f.bytes, f.sha256, rules, null)));
    expect(extractAllBytes(files, rules, null).map(o => JSON.stringify(o))).toEqual(alone);
    expect(extractAllBytes([...files].reverse(), rules, null).map(o => JSON.stringify(o)).reverse()).toEqual(alone);
    // A worker holds each batch's working objects until the next batch is done: the hold gets every stage's,
    // one entry per document, and changes no output.
    const held: object[] = [];
    expect(extractAllBytes(files, rules, null, w => held.push(w)).map(o => JSON.stringify(o))).toEqual(alone);
    expect(held.length).toBe(1);
    const w = held[0] as Record<string, unknown[]>;
    expect(Object.keys(w).sort()).toEqual(['dates', 'docs', 'entities', 'out', 'quantities', 'speakers']);
    for (const stage of Object.values(w)) expect(stage.length).toBe(files.length);
  });
});

describe('the default number of workers', () => {
  it('is one per full megabyte of input, at least one and at most the cores', () => {
    expect(defaultJobs(0, 8)).toBe(1);
    expect(defaultJobs(700_000, 2)).toBe(1);
    expect(defaultJobs(2 * 1024 * 1024 - 1, 2)).toBe(1);
    expect(defaultJobs(2 * 1024 * 1024, 2)).toBe(2);
    expect(defaultJobs(27_000_000, 2)).toBe(2);
    expect(defaultJobs(27_000_000, 1)).toBe(1);
    expect(defaultJobs(5 * 1024 * 1024, 16)).toBe(5);
  });
});

describe('the worker pool', () => {
  it('settles a task whose worker crashes or hangs, replaces the worker, and runs the rest', async () => {
    const pool = new WorkerPool<string, string>({
      size: 2,
      script: new URL('./fixtures/crashing-worker.mjs', import.meta.url),
      workerData: null,
      timeoutMs: 1000,
      onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['a', 'crash', 'b', 'throw', 'hang', 'c'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['ok:a', 'failed:crash:worker exited with code 3', 'ok:b', 'failed:throw:worker crashed: boom', 'failed:hang:timed out after 1 s', 'ok:c']);
  });

  it('sends the next task before the running one ends, and runs it elsewhere when the running one fails', async () => {
    const pool = new WorkerPool<string, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: null,
      timeoutMs: 700, onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    // 'sleep:500' waits behind 'hang' in the worker's queue: its own limit starts only when it runs.
    const results = await Promise.all(['hang', 'sleep:500', 'crash', 'a', 'b'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['failed:hang:timed out after 0.7 s', 'ok:sleep:500', 'failed:crash:worker exited with code 3', 'ok:a', 'ok:b']);
  });

  it('moves the buffers of a task only when it starts at once, so a task sent behind a hang is sent again whole', async () => {
    const pool = new WorkerPool<string | Uint8Array, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: null,
      timeoutMs: 500, onFailure: t => `failed:${String(t)}`,
      transfer: t => (typeof t === 'string' ? [] : [t.buffer as ArrayBuffer]),
    });
    const bytes = new Uint8Array([1, 2, 3]);
    const results = await Promise.all(['hang', bytes].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['failed:hang', 'ok:bytes:3']);
  });

  it("does not count a worker's start-up against a task's time limit", async () => {
    const pool = new WorkerPool<string, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: { startMs: 1500 },
      timeoutMs: 1000, onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['a', 'b'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['ok:a', 'ok:b']);
  });

  it('gives a task its own time limit when asked', async () => {
    const pool = new WorkerPool<string, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: null,
      timeoutMs: 500, timeoutFor: t => (t === 'sleep:800' ? 3000 : 500), onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['sleep:800', 'hang'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['ok:sleep:800', 'failed:hang:timed out after 0.5 s']);
  });

  it('fails each task in turn when a worker cannot start, and ends', async () => {
    const pool = new WorkerPool<string, string>({
      size: 2, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: { failStart: true },
      timeoutMs: 1000, onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['a', 'b', 'c'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['failed:a:worker crashed: cannot load', 'failed:b:worker crashed: cannot load', 'failed:c:worker crashed: cannot load']);
  });

  it('fails each task in turn when a worker ends before it is ready, without an error', async () => {
    const pool = new WorkerPool<string, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: { exitStart: true },
      timeoutMs: 1000, onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['a', 'b'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['failed:a:worker exited with code 0', 'failed:b:worker exited with code 0']);
  });
});
