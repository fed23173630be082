/**
 * V8 lets a long-lived heap grow with the garbage it has seen, so a 10,000-document run would peak well above
 * a 1,000-document one although what stays alive is the same (about 40 MB in a worker, less on the main
 * thread). A keeper measures the heap once the thread has warmed up; whenever the heap has grown to GROWTH
 * times that, a full collection brings it back. Worker threads and the main thread (which receives every
 * document's output and writes it) each keep one.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const WARM_UP = 100;
const GROWTH = 1.6;

/** Returns a function to call after each document. */
export function heapKeeper(): () => void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  let done = 0;
  let settled = Infinity;
  return () => {
    done++;
    if (done === WARM_UP) { collect(); settled = getHeapStatistics().total_heap_size; }
    else if (done > WARM_UP && getHeapStatistics().total_heap_size > settled * GROWTH) collect();
  };
}
