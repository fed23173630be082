/**
 * A pool of worker threads that run one task each at a time. A task that runs past the time limit, or whose
 * worker dies, resolves to the failure the caller builds for it; the worker is replaced and the pool goes on.
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

interface Slot {
  worker: Worker;
  ready: boolean;
  busy: { resolve: (r: unknown) => void; task: unknown; timer: NodeJS.Timeout | null } | null;
}

export interface PoolOptions<T, R> {
  size: number;
  /** The worker's module. */
  script: URL;
  workerData: unknown;
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
      const slot = this.slots.find(s => s.ready && !s.busy);
      if (!slot) {
        // Start another worker while some queued task has no worker starting for it.
        const starting = this.slots.filter(s => !s.ready).length;
        if (this.slots.length < this.opt.size && starting < this.queue.length) { this.spawn(); continue; }
        return;
      }
      const { task, resolve } = this.queue.shift()!;
      const limit = this.opt.timeoutFor?.(task) ?? this.opt.timeoutMs;
      const timer = limit > 0 ? setTimeout(() => this.fail(slot, `timed out after ${limit / 1000} s`), limit) : null;
      slot.busy = { resolve: resolve as (r: unknown) => void, task, timer };
      slot.worker.ref();
      slot.worker.postMessage(task, this.opt.transfer?.(task) ?? []);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opt.script, { workerData: this.opt.workerData });
    const slot: Slot = { worker, ready: false, busy: null };
    worker.on('message', (r: R) => {
      if (r === READY) { slot.ready = true; slot.worker.unref(); this.pump(); return; }
      const b = slot.busy;
      if (!b) return;
      if (b.timer) clearTimeout(b.timer);
      slot.busy = null;
      slot.worker.unref();
      b.resolve(r);
      this.pump();
    });
    worker.on('error', e => this.fail(slot, `worker crashed: ${e.message}`));
    worker.on('exit', code => { if (slot.busy) this.fail(slot, `worker exited with code ${code}`); });
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
    let b = slot.busy;
    if (!b && !slot.ready && this.queue.length) {
      const q = this.queue.shift()!;
      b = { resolve: q.resolve as (r: unknown) => void, task: q.task, timer: null };
    }
    const i = this.slots.indexOf(slot);
    if (i !== -1) this.slots.splice(i, 1);
    slot.busy = null;
    void slot.worker.terminate();
    if (b) {
      if (b.timer) clearTimeout(b.timer);
      b.resolve(this.opt.onFailure(b.task as T, reason));
    }
    if (!this.closed) this.pump();
  }
}
