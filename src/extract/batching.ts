/**
 * How documents are grouped for extractTexts (src/extract/pipeline.ts), which runs each stage of the pipeline
 * over a whole batch. Kept apart from the pipeline so the main thread of `extract`, which only fills batches,
 * does not load the pipeline and its libraries.
 */

/**
 * Documents extracted together, in batches of at most this many (the CLI's workers and the benchmark): each
 * stage runs over every document of a batch before the next stage starts. Measured on 1,000 generated releases,
 * in-process, both orders: batches of 10 were 1.15x as fast as one document at a time, of 25 to 100 1.18x to
 * 1.27x; larger batches only hold more documents in memory.
 */
export const BATCH_DOCS = 32;
/** A batch also ends once it holds this many bytes of input, so a few large documents make a batch alone. */
export const BATCH_BYTES = 256 * 1024;

/** Is a batch of this many documents and bytes of input full? */
export function batchIsFull(docs: number, bytes: number): boolean {
  return docs >= BATCH_DOCS || bytes >= BATCH_BYTES;
}

/** Consecutive items grouped into batches of at most BATCH_DOCS items and, past the first, BATCH_BYTES bytes. */
export function inBatches<T>(items: readonly T[], bytes: (item: T) => number): T[][] {
  const out: T[][] = [];
  let b: T[] = [];
  let n = 0;
  for (const it of items) {
    b.push(it);
    n += bytes(it);
    if (batchIsFull(b.length, n)) { out.push(b); b = []; n = 0; }
  }
  if (b.length) out.push(b);
  return out;
}
