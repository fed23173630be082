/**
 * A worker thread of `pressmill extract`: rebuilds the rule set the main thread loaded (or loads the folder),
 * then extracts each document it is sent and posts back its serialised output. A failure inside the pipeline is reported for that document alone.
 */
import { workerData } from 'node:worker_threads';
import { extractBytes, type CorpusInput } from '../corpus.js';
import { loadRules } from '../rules/load.js';
import { ruleSetFromData, type RuleSetData } from '../rules/snapshot.js';
import { heapKeeper } from './heap.js';
import { buffersOf, docOutputOf, failedOutput } from './output.js';
import { serveTasks, signalReady } from './pool.js';

export interface WorkerInit { rulesDir: string; rules: RuleSetData | null; referenceDate: string | null }
export interface WorkerTask { input: CorpusInput; bytes: Uint8Array; sha256: string }

const init = workerData as WorkerInit;
const rules = init.rules ? ruleSetFromData(init.rules) : loadRules(init.rulesDir);

const afterDocument = heapKeeper();

serveTasks((task: WorkerTask) => {
  let out;
  try {
    out = docOutputOf(extractBytes(task.input, task.bytes, task.sha256, rules, init.referenceDate));
  } catch (e) {
    out = failedOutput(task.input.path, task.input.docId, task.sha256, `internal error: ${(e as Error).message}`);
  }
  afterDocument();
  return out;
}, buffersOf);
signalReady();
