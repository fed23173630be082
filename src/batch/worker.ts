/**
 * A worker thread of `pressmill extract`: rebuilds the rule set the main thread loaded (or loads the folder),
 * then extracts each batch of documents it is sent and posts back their serialised outputs. A failure inside
 * the pipeline is reported for the document that caused it alone.
 */
import { workerData } from 'node:worker_threads';
import { extractAllBytes, extractBytes, type ReadFile } from '../corpus.js';
import { loadRules } from '../rules/load.js';
import { ruleSetFromData, type RuleSetData } from '../rules/snapshot.js';
import { heapKeeper } from './heap.js';
import { ArenaFiller } from './arena.js';
import { buffersOf, docOutputOf, failedOutput, packOutputs, type DocOutput } from './output.js';
import { serveTasks, signalReady } from './pool.js';

export interface WorkerInit {
  rulesDir: string;
  rules: RuleSetData | null;
  referenceDate: string | null;
  /** This worker's ring for its outputs (arena.ts) and its number, or null to send every output as moved buffers. */
  arena: { id: number; sab: SharedArrayBuffer } | null;
}
export type WorkerTask = ReadFile;

const init = workerData as WorkerInit;
const rules = init.rules ? ruleSetFromData(init.rules) : loadRules(init.rulesDir);

const afterDocument = heapKeeper();
const filler = init.arena ? new ArenaFiller(init.arena.sab) : null;
/** The last batch's working objects, kept until the next batch is done (see Hold in extract/pipeline.ts). */
const held: { last: object | null } = { last: null };
const hold = (working: object) => { held.last = working; };

function alone(task: WorkerTask): DocOutput {
  try {
    return docOutputOf(extractBytes(task.input, task.bytes, task.sha256, rules, init.referenceDate));
  } catch (e) {
    return failedOutput(task.input.path, task.input.docId, task.sha256, `internal error: ${(e as Error).message}`);
  }
}

serveTasks((batch: WorkerTask[]) => {
  let out: DocOutput[];
  try {
    out = extractAllBytes(batch, rules, init.referenceDate, hold).map(docOutputOf);
  } catch {
    // The pipeline threw on some document of the batch: each again alone, so that only that one fails.
    out = batch.map(alone);
  }
  for (let i = 0; i < batch.length; i++) afterDocument();
  if (filler) packOutputs(out, filler, init.arena!.id);
  return out;
}, out => out.flatMap(o => (o.packed ? [] : buffersOf(o))));
signalReady();
