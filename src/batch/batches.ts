/**
 * Documents go to the workers in batches (BATCH_DOCS, BATCH_BYTES): a worker runs each stage of the pipeline over
 * a whole batch (extractTexts), which is faster than one document at a time. Each document still gets its own
 * output, and a failure stays with the document that caused it: a batch that times out or crashes its worker
 * is sent again one document at a time, and only a document that fails alone is reported and skipped.
 */
import { batchIsFull } from '../extract/batching.js';
import type { CorpusInput } from '../corpus-files.js';
import { failedOutput, type DocOutput } from './output.js';
import type { WorkerPool } from './pool.js';
import type { WorkerTask } from './worker.js';

/** A worker's outputs for a batch, in its order, or why the batch failed (a time-out or a crash). */
export type BatchAnswer = DocOutput[] | { failed: string };

interface Open { tasks: WorkerTask[]; bytes: number; resolves: ((o: DocOutput) => void)[] }

export class Batches {
  private open: Open | null = null;

  /** `receive`: what the main thread makes of each output as it arrives (views on a worker's ring: unpackOutput). */
  constructor(private readonly pool: WorkerPool<WorkerTask[], BatchAnswer>, private readonly receive: (o: DocOutput) => DocOutput = o => o) {}

  /** Add a document to the batch being filled; the promise settles with its output once its batch is done. */
  add(task: WorkerTask): Promise<DocOutput> {
    return new Promise(resolve => {
      const b = (this.open ??= { tasks: [], bytes: 0, resolves: [] });
      b.tasks.push(task);
      b.resolves.push(resolve);
      b.bytes += task.bytes.byteLength;
      if (batchIsFull(b.tasks.length, b.bytes)) this.send();
    });
  }

  /** Is this document in the batch being filled? */
  holds(input: CorpusInput): boolean {
    return this.open?.tasks.some(t => t.input === input) ?? false;
  }

  /** Send the batch being filled, if any. */
  send(): void {
    const b = this.open;
    this.open = null;
    if (b) this.run(b.tasks, b.resolves);
  }

  private run(tasks: WorkerTask[], resolves: ((o: DocOutput) => void)[]): void {
    void this.pool.run(tasks).then(answer => {
      if (Array.isArray(answer)) answer.forEach((out, i) => resolves[i]!(this.receive(out)));
      else if (tasks.length === 1) resolves[0]!(failedOutput(tasks[0]!.input.path, tasks[0]!.input.docId, tasks[0]!.sha256, answer.failed));
      // Which document hung or crashed the worker is not known: each goes again alone.
      else tasks.forEach((t, i) => this.run([t], [resolves[i]!]));
    });
  }
}
