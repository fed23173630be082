/**
 * Records of finished runs, kept in the cache: what a run read (each input's path and SHA-256), what it wrote
 * (each output file's size and SHA-256) and its summary. A run whose inputs, rules, build and options match a
 * record, into an output folder that still holds exactly the recorded files, has nothing to do: it verifies
 * and reports, reading no cache entry and writing nothing. Any difference, however small, means a normal run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { CorpusInput } from '../corpus-files.js';
import { allHoldParallel, type Expected } from './digests.js';
import type { Message } from '../extract/pipeline.js';
import { buildDigest } from './cache.js';
import type { Shard } from './shard.js';
import { jsonFilesUnder, type FileDigest } from './writer.js';
import { writeAtomic } from '../output/write.js';

/** Everything besides the inputs' bytes that a run's output depends on. */
export interface RunConfig { rulesDigest: string; referenceDate: string | null; shard: Shard | null; bom: boolean }

export interface RunRecord<S> {
  inputs: [path: string, sha256: string][];
  files: FileDigest[];
  /** The messages of each document that had any, in input order. */
  messages: [path: string, messages: Message[]][];
  summary: S;
}

/** The record's file: keyed by the build, the configuration and the input paths (not their content). */
function recordFile(cacheDir: string, config: RunConfig, inputs: CorpusInput[]): string {
  const h = createHash('sha256').update(JSON.stringify([buildDigest(), config, inputs.map(i => i.path)])).digest('hex');
  return join(cacheDir, 'runs', `${h}.json`);
}

export function saveRun<S>(cacheDir: string, config: RunConfig, inputs: CorpusInput[], record: RunRecord<S>): void {
  // A record that cannot be written costs speed, never results.
  try { writeAtomic(recordFile(cacheDir, config, inputs), JSON.stringify(record)); } catch { /* nothing to do */ }
}

/**
 * The record of an earlier run that this one would repeat exactly, when the output folder still holds its
 * files unchanged (same bytes, no stale per-document JSON); else null.
 */
export async function unchangedRun<S>(cacheDir: string, config: RunConfig, inputs: CorpusInput[], out: string): Promise<RunRecord<S> | null> {
  let record: RunRecord<S>;
  try { record = JSON.parse(readFileSync(recordFile(cacheDir, config, inputs), 'utf8')) as RunRecord<S>; } catch { return null; }
  if (record.inputs.length !== inputs.length) return null;
  for (const [k, input] of inputs.entries()) if (record.inputs[k]![0] !== input.path) return null;
  const recorded = new Set(record.files.map(f => f[0]));
  for (const p of jsonFilesUnder(join(out, 'json'))) if (!recorded.has(relative(out, p).split(sep).join('/'))) return null;
  // Every input still has the bytes the run read, every output file the bytes it wrote.
  const expected: Expected[] = [
    ...inputs.map((input, k) => ({ path: input.abs, sha256: record.inputs[k]![1] })),
    ...record.files.map(([path, size, sha256]) => ({ path: join(out, ...path.split('/')), size, sha256 })),
  ];
  return (await allHoldParallel(expected)) ? record : null;
}
