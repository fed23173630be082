/**
 * A pool of worker threads that run one task each at a time. A task that runs past the time limit, or whose
 * worker dies, resolves to the failure the caller builds for it; the worker is replaced and the pool goes on.
 */
import { Worker } from 'node:worker_threads';

interface Slot { worker: Worker; busy: { resolve: (r: unknown) => void; task: unknown; timer: NodeJS.Timeout | null } | null }

export interface PoolOptions<T, R> {
  size: number;
  /** The worker's module. */
  script: URL;
  workerData: unknown;
  /** Milliseconds a task may take; 0 for no limit. */
  timeoutMs: number;
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
      let slot = this.slots.find(s => !s.busy);
      if (!slot && this.slots.length < this.opt.size) slot = this.spawn();
      if (!slot) return;
      const { task, resolve } = this.queue.shift()!;
      const timer = this.opt.timeoutMs > 0 ? setTimeout(() => this.fail(slot!, `timed out after ${this.opt.timeoutMs / 1000} s`), this.opt.timeoutMs) : null;
      slot.busy = { resolve: resolve as (r: unknown) => void, task, timer };
      slot.worker.ref();
      slot.worker.postMessage(task, this.opt.transfer?.(task) ?? []);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opt.script, { workerData: this.opt.workerData });
    const slot: Slot = { worker, busy: null };
    worker.on('message', (r: R) => {
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
    // An idle worker must not keep the process alive; a busy one is referenced while it works.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** The task of a slot failed: settle it, drop the worker, and let a new one take the queue. */
  private fail(slot: Slot, reason: string): void {
    const b = slot.busy;
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
