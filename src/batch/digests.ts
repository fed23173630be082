/**
 * Do files still have the size and SHA-256 a run recorded? An unchanged re-run asks it of every input and every
 * output file: for 10,000 releases that is about 20,000 files and 450 MB read and hashed, 0.75 s on one thread,
 * most of the re-run's time. With many files a second thread takes every other file (one thread reads and hashes
 * at about 0.6 GB/s here), so the check takes about half as long on two cores.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A file and what it should hold: its SHA-256 and, when known, its size (checked first, as it costs nothing). */
export interface Expected { path: string; sha256: string; size?: number }

/** Below this many files one thread checks them all: starting a thread would cost more than it saves. */
export const PARALLEL_FILES = 1000;

/** Does the file hold these bytes? An unreadable file does not. */
export function holds(e: Expected): boolean {
  try {
    if (e.size !== undefined && statSync(e.path).size !== e.size) return false;
    return createHash('sha256').update(readFileSync(e.path)).digest('hex') === e.sha256;
  } catch {
    return false;
  }
}

/** Every file of `list` from `from` on, stepping by `step`, holds what it should. */
export function allHold(list: Expected[], from = 0, step = 1): boolean {
  for (let i = from; i < list.length; i += step) if (!holds(list[i]!)) return false;
  return true;
}

/** Every file of `list` holds what it should; with many files, on this thread and one more. */
export async function allHoldParallel(list: Expected[], threads = availableParallelism()): Promise<boolean> {
  if (threads < 2 || list.length < PARALLEL_FILES) return allHold(list);
  // The other thread takes the odd files, this one the even ones: sizes mix, so both have about as much to read.
  const odd = list.filter((_, i) => i % 2 === 1);
  const other = new Worker(new URL('./digests-worker.js', import.meta.url), { workerData: odd });
  let done = false;
  const theirs = new Promise<boolean>(resolve => {
    other.once('message', (ok: boolean) => { done = true; resolve(ok); });
    // A thread that cannot start or dies without answering says nothing about the files: this thread checks its
    // share itself.
    const instead = () => { if (!done) { done = true; resolve(allHold(odd)); } };
    other.once('error', instead);
    other.once('exit', instead);
  });
  const mine = allHold(list, 0, 2);
  if (!mine) { done = true; await other.terminate(); return false; }
  return theirs;
}
