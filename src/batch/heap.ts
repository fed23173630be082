/**
 * V8 lets a long-lived heap grow with the garbage it has seen, so a 10,000-document run would peak well above
 * a 1,000-document one although what stays alive is the same (about 40 MB in a worker, less on the main
 * thread). A keeper measures the heap after a collection once the thread has warmed up, then collects again
 * whenever the heap has grown to GROWTH times that. Worker threads and the main thread (which receives
 * every document's output and writes it) each keep one.
 *
 * The limit stays what warm-up measured, but a keeper collects at most once every WARM_UP documents. V8 keeps
 * space committed after a collection (a young generation that grew since, pages not given back), so a heap
 * measured small at warm-up can stay above the limit after every collection: without that spacing the main
 * thread once collected after every document, twice the run's time on a core the workers needed. (A limit
 * that followed what each collection left avoided it too, but let the heaps grow: 1.45x the peak RSS of
 * 1,000 documents at 10,000.)
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
  let last = 0;
  return () => {
    done++;
    if (done === WARM_UP) {
      heap.collect();
      limit = heap.size() * GROWTH;
      last = done;
    } else if (done >= last + WARM_UP && heap.size() > limit) {
      heap.collect();
      last = done;
    }
  };
}
