/**
 * `pressmill extract` at scale: documents in path order go to the cache or to a pool of worker threads, and
 * come back to a writer in that same order, so the output is the same for any number of workers. At most
 * `window` documents are in flight, so memory stays flat however large the corpus.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { listCorpus, readInput, type CorpusInput } from '../corpus-files.js';
import { TABLE_NAMES, type TableName } from '../schema/records.js';
import { TOOL_VERSION } from '../version.js';
import { Cache } from './cache.js';
import { heapKeeper } from './heap.js';
import { tuneJit } from './jit.js';
import { ARENA_BYTES, ArenaReader, newArena } from './arena.js';
import { docOutputOf, failedOutput, unpackOutput, type DocOutput } from './output.js';
import { DEPTH, WorkerPool } from './pool.js';
import { Batches, type BatchAnswer } from './batches.js';
import { saveRun, unchangedRun, type RunConfig } from './runs.js';
import { shardOf, type Shard } from './shard.js';
import type { WorkerInit, WorkerTask } from './worker.js';
import type { RuleSetData } from '../rules/snapshot.js';
import { BATCH_DOCS } from '../extract/batching.js';
import { DatasetWriter, removeDeadStaging } from './writer.js';

export interface BatchOptions {
  corpus: string;
  out: string;
  /** The rules folder, its digest and its rule ids; workers rebuild the rule set from `data` or, without it, load the folder. */
  rules: { dir: string; digest: string; ids: string[]; data?: RuleSetData };
  referenceDate: string | null;
  /** Worker threads; default one per megabyte of input, at most the machine's available parallelism. */
  jobs?: number;
  /** Per-document time limit in milliseconds, for each started megabyte of a document; 0 for none. */
  timeoutMs?: number;
  /** Cache folder, or null for no cache. */
  cacheDir: string | null;
  shard?: Shard | null;
  /** CSVs with a byte-order mark (--excel). */
  bom?: boolean;
  /** Bytes of each worker's ring for its outputs (ARENA_BYTES in arena.ts); 0 sends every output as moved buffers. */
  arenaBytes?: number;
  /** Called after each document is written, with the number written and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each document's path and messages as it is written. */
  onDocument?: (o: Pick<DocOutput, 'path' | 'messages'>) => void;
}

export interface BatchSummary {
  documents: number;
  skipped: number;
  cached: number;
  counts: Record<TableName, number>;
  errors: number;
  warnings: number;
  /** Numbers in the text that no target, figure or date holds (pressmill explain FILE says why). */
  unclaimed_numbers: number;
  /** Rules that made nothing and dropped nothing in the whole corpus. */
  rules_never_fired: string[];
}

const MB = 1024 * 1024;

/**
 * Input a worker must have to be worth starting: a worker spends over a second loading libraries and compiling
 * rules, about as long as it takes to extract a megabyte. Measured on 2 cores: on 0.3 and 0.7 MB of releases
 * one worker finished 0.4 to 0.7 s sooner than two; on 1.4 MB they were even; on 2.7 MB two were 11% faster.
 */
export const BYTES_PER_WORKER = MB;

/** The default number of workers: one for each full megabyte of input, at least one, at most `cores`. */
export function defaultJobs(inputBytes: number, cores: number): number {
  return Math.max(1, Math.min(cores, Math.floor(inputBytes / BYTES_PER_WORKER)));
}

function inputBytes(inputs: CorpusInput[]): number {
  let n = 0;
  for (const i of inputs) {
    try { n += statSync(i.abs).size; } catch { /* reported when the document is read */ }
  }
  return n;
}

export async function runBatch(o: BatchOptions): Promise<BatchSummary> {
  let inputs = listCorpus(o.corpus);
  if (o.shard) inputs = inputs.filter(i => shardOf(i.docId, o.shard!.count) === o.shard!.index);
  const jobs = Math.max(1, o.jobs ?? defaultJobs(inputBytes(inputs), availableParallelism()));
  const cache = o.cacheDir ? new Cache(o.cacheDir) : null;
  const config: RunConfig = { rulesDigest: o.rules.digest, referenceDate: o.referenceDate, shard: o.shard ?? null, bom: !!o.bom };
  // Nothing changed since a recorded run (inputs, rules, build, options, output files): report it and stop.
  const same = o.cacheDir ? await unchangedRun<BatchSummary>(o.cacheDir, config, inputs, o.out) : null;
  if (same) {
    removeDeadStaging(o.out);
    const messages = new Map(same.messages);
    for (const [k, input] of inputs.entries()) {
      o.onDocument?.({ path: input.path, messages: messages.get(input.path) ?? [] });
      o.onProgress?.(k + 1, inputs.length);
    }
    return { ...same.summary, cached: inputs.length };
  }
  const writer = new DatasetWriter(o.out, !!o.cacheDir);
  tuneJit();
  const arenas: ArenaReader[] = [];
  const pool = new WorkerPool<WorkerTask[], BatchAnswer>({
    size: jobs,
    script: new URL('./worker.js', import.meta.url),
    workerData: null,
    // Each worker, a restarted one too, gets a ring of its own for its outputs.
    workerDataFor: () => {
      const bytes = o.arenaBytes ?? ARENA_BYTES;
      const sab = bytes > 0 ? newArena(bytes) : null;
      const id = arenas.length;
      if (sab) arenas.push(new ArenaReader(sab));
      return { rulesDir: o.rules.dir, rules: o.rules.data ?? null, referenceDate: o.referenceDate, arena: sab ? { id, sab } : null } satisfies WorkerInit;
    },
    timeoutMs: o.timeoutMs ?? 0,
    // A 5 MB release may rightly take minutes; the limit is there to catch a hang, not a long document.
    timeoutFor: b => (o.timeoutMs ?? 0) * Math.max(1, Math.ceil(b.reduce((n, t) => n + t.bytes.byteLength, 0) / MB)),
    onFailure: (_b, reason) => ({ failed: reason }),
    // A batch of one is never sent again, so its bytes can move; a larger one keeps them to send each alone.
    transfer: b => (b.length === 1 ? [b[0]!.bytes.buffer as ArrayBuffer] : []),
  });
  const batches = new Batches(pool, out => (out.packed ? unpackOutput(out, arenas[out.packed.arena]!) : out));
  const read: [string, string][] = [];
  const said: [string, DocOutput['messages']][] = [];
  let complete = true;
  const summary: BatchSummary = { documents: 0, skipped: 0, cached: 0, counts: Object.fromEntries(TABLE_NAMES.map(t => [t, 0])) as Record<TableName, number>, errors: 0, warnings: 0, unclaimed_numbers: 0, rules_never_fired: [] };
  const fired = new Set<string>();

  const start = (input: CorpusInput): Promise<DocOutput> => {
    const read = readInput(input);
    if ('input' in read) return Promise.resolve(docOutputOf(read));
    const key = cache?.key({ sha256: read.sha256, path: input.path, rulesDigest: o.rules.digest, referenceDate: o.referenceDate });
    const hit = key ? cache!.get(key) : null;
    if (hit) { summary.cached++; return Promise.resolve(hit); }
    // A copy that owns its memory, so it can move to the worker.
    const bytes = new Uint8Array(read.bytes);
    return batches.add({ input, bytes, sha256: read.sha256 }).then(out => {
      // Results of a time-out or a crash are not kept: the next run tries again.
      if (key && !out.failed) cache!.put(key, out);
      return out;
    });
  };

  // Enough documents in flight for every worker to hold a batch running and a batch waiting, and one filling.
  const window = (jobs * DEPTH + 1) * BATCH_DOCS;
  // Every document's output passes through this thread: its heap is kept from growing with the corpus too.
  const afterDocument = heapKeeper();
  const pending = new Map<number, Promise<DocOutput>>();
  let next = 0;
  try {
    for (let done = 0; done < inputs.length; done++) {
      while (next < inputs.length && next - done < window) { pending.set(next, start(inputs[next]!)); next++; }
      // A batch is sent when full; one still filling is sent now if the next document to write is in it.
      if (next === inputs.length || batches.holds(inputs[done]!)) batches.send();
      const out = writer.add(await pending.get(done)!);
      pending.delete(done);
      // Written (and cached when it arrived): its worker may use the room again.
      out.release?.();
      // Only a run whose every document was read and extracted is recorded (failures are tried again).
      if (out.failed || !out.sha256) complete = false;
      read.push([out.path, out.sha256]);
      if (out.messages.length) said.push([out.path, out.messages]);
      if (out.json !== null) {
        summary.documents++;
        for (const t of TABLE_NAMES) summary.counts[t] += out.counts[t] ?? 0;
      } else summary.skipped++;
      for (const m of out.messages) { if (m.severity === 'error') summary.errors++; else summary.warnings++; }
      summary.unclaimed_numbers += out.stats?.unclaimed ?? 0;
      for (const f of out.stats?.fired ?? []) fired.add(f);
      o.onDocument?.(out);
      o.onProgress?.(done + 1, inputs.length);
      afterDocument();
    }
    writer.finish({ toolVersion: TOOL_VERSION, rulesDigest: o.rules.digest, bom: o.bom });
    summary.rules_never_fired = o.rules.ids.filter(id => !fired.has(id));
    if (o.cacheDir && complete) saveRun(o.cacheDir, config, inputs, { inputs: read, files: writer.files(), messages: said, summary });
  } catch (e) {
    writer.abort();
    throw e;
  } finally {
    await pool.close();
  }
  return summary;
}
