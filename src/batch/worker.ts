/**
 * A worker thread of `pressmill extract`: loads the rules once, then extracts each document it is sent and
 * posts back its serialised output. A failure inside the pipeline is reported for that document alone.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { workerData } from 'node:worker_threads';
import { extractBytes, type CorpusInput } from '../corpus.js';
import { loadRules } from '../rules/load.js';
import { docOutputOf, failedOutput } from './output.js';
import { serveTasks, signalReady } from './pool.js';

export interface WorkerInit { rulesDir: string; referenceDate: string | null }
export interface WorkerTask { input: CorpusInput; bytes: Uint8Array; sha256: string }

const init = workerData as WorkerInit;
const rules = loadRules(init.rulesDir);

/**
 * V8 lets a long-lived heap grow with the garbage it has seen, so a 10,000-document run would peak well above
 * a 1,000-document one although what the pipeline keeps alive stays the same (about 40 MB). After warming up
 * the worker measures its heap; whenever the heap has grown to HEAP_GROWTH times that, a full collection
 * brings it back.
 */
const WARM_UP = 100;
const HEAP_GROWTH = 1.6;
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
let done = 0;
let settled = Infinity;

serveTasks((task: WorkerTask) => {
  let out;
  try {
    out = docOutputOf(extractBytes(task.input, task.bytes, task.sha256, rules, init.referenceDate));
  } catch (e) {
    out = failedOutput(task.input.path, task.input.docId, task.sha256, `internal error: ${(e as Error).message}`);
  }
  done++;
  if (done === WARM_UP) { collect(); settled = getHeapStatistics().total_heap_size; }
  else if (done > WARM_UP && getHeapStatistics().total_heap_size > settled * HEAP_GROWTH) collect();
  return out;
});
signalReady();
