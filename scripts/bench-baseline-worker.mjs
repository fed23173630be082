/**
 * A worker thread of the benchmark's machine probe (scripts/bench.mjs): the baseline's work, compromise alone
 * (nlp(text) plus its people, places, organisations and numbers). It first warms up on `warm` (so that loading
 * and V8's compiling are not measured), says 'ready', and on 'go' runs over `texts` and says 'done'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import nlp from 'compromise';

const baseline = texts => {
  for (const text of texts) {
    const doc = nlp(text);
    doc.people().out('array'); doc.places().out('array'); doc.organizations().out('array'); doc.numbers().json();
  }
};

baseline(workerData.warm);
parentPort.once('message', () => {
  baseline(workerData.texts);
  parentPort.postMessage('done');
});
parentPort.postMessage('ready');
