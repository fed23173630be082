/** The second thread of allHoldParallel (digests.ts): checks the files it is given and says whether all hold. */
import { parentPort, workerData } from 'node:worker_threads';
import { allHold, type Expected } from './digests.js';

parentPort!.postMessage(allHold(workerData as Expected[]));
