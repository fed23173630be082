/**
 * A pool of worker threads that run one task each at a time, with the next task already sent (DEPTH), so a
 * worker never waits for the main thread between documents. A task that runs past the time limit, or whose
 * worker dies, resolves to the failure the caller builds for it; the task sent after it goes back to the queue,
 * the worker is replaced and the pool goes on.
 * A worker says when it has loaded (READY): only then does it get tasks, so its start-up (loading rules and
 * libraries, slow on a busy machine) never counts against a document's time limit.
 */
import { parentPort, Worker } from 'node:worker_threads';

/** The message a worker posts once it is ready for tasks. */
export const READY = '\u0000pressmill:worker-ready';

/** Called by a worker module when it has loaded. */
export function signalReady(): void {
  parentPort?.postMessage(READY);
}

/** What the pool posts to a worker: a task and its number, which the answer carries back. */
export interface Envelope<T> { id: number; task: T }
/** What a worker posts back for a task. */
export interface Answer<R> { id: number; result: R }

/**
 * Serve the pool's tasks in a worker module: each answer goes back with its task's number, its `transfer`
 * buffers moved rather than copied (the worker must not use them again).
 */
export function serveTasks<T, R>(handle: (task: T) => R, transfer?: (result: R) => ArrayBuffer[]): void {
  parentPort!.on('message', ({ id, task }: Envelope<T>) => {
    const result = handle(task);
    parentPort!.postMessage({ id, result } satisfies Answer<R>, transfer?.(result) ?? []);
  });
}

/**
 * Tasks sent to a worker before it finishes the one it runs. A worker reads its messages in order, so the
 * second waits in its queue and starts the moment the first ends: without it, each worker sat idle for a
 * round trip through a busy main thread after every document (about 5% of its time).
 */
export const DEPTH = 2;

interface Job { id: number; resolve: (r: unknown) => void; task: unknown; timer: NodeJS.Timeout | null }

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The tasks sent, in order: the first is running (its time limit runs), the others wait in the worker. */
  sent: Job[];
}

export interface PoolOptions<T, R> {
  size: number;
  /** The worker's module. */
  script: URL;
  workerData: unknown;
  /** The data of each worker started, when each needs its own (it replaces workerData). */
  workerDataFor?: () => unknown;
  /** Milliseconds a task may take; 0 for no limit. */
  timeoutMs: number;
  /** A task's own limit, when it differs from timeoutMs (a large document may take longer). */
  timeoutFor?: (task: T) => number;
  /** What a task that timed out or crashed its worker resolves to. */
  onFailure: (task: T, reason: string) => R;
  /** Transferable buffers of a task, moved rather than copied to the worker. */
  transfer?: (task: T) => ArrayBuffer[];
}

export class WorkerPool<T, R> {
  private readonly slots: Slot[] = [];
  private readonly queue: { task: T; resolve: (r: R) => void }[] = [];
  private closed = false;
  private nextId = 0;

  constructor(private readonly opt: PoolOptions<T, R>) {}

  /** Run a task on the next free worker; workers start on first need. */
  run(task: T): Promise<R> {
    return new Promise<R>(resolve => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(s => s.worker.terminate()));
    this.slots.length = 0;
  }

  private pump(): void {
    while (this.queue.length) {
      // The free worker first, then one whose running task has nothing queued behind it.
      let slot: Slot | undefined;
      for (let depth = 0; depth < DEPTH && !slot; depth++) slot = this.slots.find(s => s.ready && s.sent.length === depth);
      if (!slot) {
        // Start another worker while some queued task has no worker starting for it.
        const starting = this.slots.filter(s => !s.ready).length;
        if (this.slots.length < this.opt.size && starting < this.queue.length) { this.spawn(); continue; }
        return;
      }
      const { task, resolve } = this.queue.shift()!;
      const id = this.nextId++;
      slot.sent.push({ id, resolve: resolve as (r: unknown) => void, task, timer: null });
      if (slot.sent.length === 1) this.startClock(slot);
      slot.worker.ref();
      // Only a task that starts at once moves its buffers: one that waits behind another is copied, since it
      // goes back to the queue, and to another worker, if the running task fails.
      const moved = slot.sent.length === 1 ? this.opt.transfer?.(task) ?? [] : [];
      slot.worker.postMessage({ id, task } satisfies Envelope<T>, moved);
    }
  }

  /** The time limit of the slot's running task starts when the worker starts on it. */
  private startClock(slot: Slot): void {
    const job = slot.sent[0];
    if (!job) return;
    const limit = this.opt.timeoutFor?.(job.task as T) ?? this.opt.timeoutMs;
    if (limit > 0) job.timer = setTimeout(() => this.fail(slot, `timed out after ${limit / 1000} s`), limit);
  }

  private spawn(): Slot {
    const worker = new Worker(this.opt.script, { workerData: this.opt.workerDataFor ? this.opt.workerDataFor() : this.opt.workerData });
    const slot: Slot = { worker, ready: false, sent: [] };
    worker.on('message', (r: Answer<R> | typeof READY) => {
      if (r === READY) { slot.ready = true; slot.worker.unref(); this.pump(); return; }
      const at = slot.sent.findIndex(j => j.id === r.id);
      if (at === -1) return;
      const [b] = slot.sent.splice(at, 1);
      if (b!.timer) clearTimeout(b!.timer);
      // The running task ended: the next one sent is running now.
      if (at === 0) this.startClock(slot);
      if (!slot.sent.length) slot.worker.unref();
      b!.resolve(r.result);
      this.pump();
    });
    // A worker's uncaught error reaches the main thread on another channel than its answers, and can come before
    // an answer the worker posted first: failing at once blamed that answered task for the crash of the next
    // one. 'exit' comes only after every answer is delivered, so the failure waits for it.
    let crash: string | null = null;
    worker.on('error', e => { crash = `worker crashed: ${e.message}`; });
    worker.on('exit', code => {
      if (slot.sent.length || crash || (!slot.ready && !this.closed)) this.fail(slot, crash ?? `worker exited with code ${code}`);
    });
    // A starting worker keeps the process alive, as a busy one does; an idle one must not.
    this.slots.push(slot);
    return slot;
  }

  /**
   * The task of a slot failed: settle it, drop the worker, and let a new one take the queue. A worker that
   * fails before it is ready takes the first queued task with it, so a worker that cannot start at all
   * fails each task in turn rather than being restarted without end.
   */
  private fail(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i === -1) return;
    this.slots.splice(i, 1);
    let b: Job | undefined = slot.sent.shift();
    // The tasks sent behind the failed one never started: they go back to the front of the queue.
    for (const w of slot.sent.reverse()) { if (w.timer) clearTimeout(w.timer); this.queue.unshift({ task: w.task as T, resolve: w.resolve as (r: R) => void }); }
    slot.sent = [];
    if (!b && !slot.ready && this.queue.length) {
      const q = this.queue.shift()!;
      b = { id: -1, resolve: q.resolve as (r: unknown) => void, task: q.task, timer: null };
    }
    void slot.worker.terminate();
    if (b) {
      if (b.timer) clearTimeout(b.timer);
      b.resolve(this.opt.onFailure(b.task as T, reason));
    }
    if (!this.closed) this.pump();
  }
}
