/**
 * V8 lets a long-lived heap grow with the garbage it has seen, so a 10,000-document run would peak well above
 * a 1,000-document one although what stays alive is the same (about 40 MB in a worker, less on the main
 * thread). A keeper collects once the thread has warmed up, then again whenever the old generation (what
 * survived young collections: where that garbage piles up) holds GROWTH times what the last collection left.
 * Worker threads and the main thread (which receives every document's output and writes it) each keep one.
 *
 * It measures bytes in use, not the heap's committed size: V8 keeps space committed after a collection (a
 * young generation that grew since, pages not given back), so a committed size measured small at warm-up
 * stayed above its limit after every collection, and the main thread collected after every document (twice
 * the run's time on a core the workers needed), later every 100 documents (a full collection of 20-30 ms each
 * for nothing: 0.6 s of a 4,000-document run). A keeper still collects at most once every WARM_UP documents.
 * A worker's keeper collects between batches, where every object of the batch is dead: see Hold in
 * extract/pipeline.ts for why a worker keeps the last batch's objects alive.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const WARM_UP = 100;
export const GROWTH = 2;
const YOUNG = new Set(['new_space', 'new_large_object_space']);

/** What a keeper measures and does: the bytes in use in the old generation, and a full collection. */
export interface HeapProbe {
  size(): number;
  collect(): void;
}

function v8Heap(): HeapProbe {
  setFlagsFromString('--expose-gc');
  return { size: oldGenerationUsed, collect: runInNewContext('gc') as () => void };
}

/** Bytes in use in every space but the young generation's. */
function oldGenerationUsed(): number {
  let n = 0;
  for (const s of getHeapSpaceStatistics()) if (!YOUNG.has(s.space_name)) n += s.space_used_size;
  return n;
}

/** Returns a function to call after each document. */
export function heapKeeper(heap: HeapProbe = v8Heap()): () => void {
  let done = 0;
  let limit = Infinity;
  let last = 0;
  return () => {
    done++;
    if (done === WARM_UP || (done >= last + WARM_UP && heap.size() > limit)) {
      heap.collect();
      limit = heap.size() * GROWTH;
      last = done;
    }
  };
}
