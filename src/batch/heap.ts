/**
 * V8 lets a long-lived heap grow with the garbage it has seen, so a 10,000-document run would peak well above
 * a 1,000-document one although what stays alive is the same (about 40 MB in a worker, less on the main
 * thread). A keeper collects once the thread has warmed up, then again whenever the heap has grown to GROWTH
 * times what the last collection left. Worker threads and the main thread (which receives every document's
 * output and writes it) each keep one.
 *
 * The limit follows what each collection leaves, not the size measured once: V8 keeps space committed after a
 * collection (a young generation that grew since, pages it has not given back), so a heap measured small at
 * warm-up stayed above a fixed limit after every collection, and the main thread then collected after every
 * document: twice the run's time, on a core the workers needed.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const WARM_UP = 100;
export const GROWTH = 1.6;

/** What a keeper measures and does: the heap's size, and a full collection. */
export interface HeapProbe {
  size(): number;
  collect(): void;
}

function v8Heap(): HeapProbe {
  setFlagsFromString('--expose-gc');
  return { size: () => getHeapStatistics().total_heap_size, collect: runInNewContext('gc') as () => void };
}

/** Returns a function to call after each document. */
export function heapKeeper(heap: HeapProbe = v8Heap()): () => void {
  let done = 0;
  let limit = Infinity;
  const collect = () => {
    heap.collect();
    limit = heap.size() * GROWTH;
  };
  return () => {
    done++;
    if (done === WARM_UP || (done > WARM_UP && heap.size() > limit)) collect();
  };
}
