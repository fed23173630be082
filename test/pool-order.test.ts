/**
 * A worker's crash reaches the main thread on another channel than its answers, and on a busy machine it can
 * come first (seen in CI: an answered document was reported as crashed). Here every event of a worker but its
 * error is held back a little, in order, so the crash always overtakes the answers posted before it.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:worker_threads', async importOriginal => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  // The events held back so far, per worker (emit runs before a field of the subclass could be set).
  const held = new WeakMap<object, Promise<void>>();
  const later = (w: object, f: () => void) => {
    const after = (held.get(w) ?? Promise.resolve()).then(() => new Promise(r => setTimeout(r, 30)));
    held.set(w, after.then(f));
  };
  class ErrorFirstWorker extends real.Worker {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'error' || event === 'newListener' || event === 'removeListener') return super.emit(event, ...args);
      later(this, () => { super.emit(event, ...args); });
      return true;
    }
    // Node drops the listeners of a worker once it has emitted 'exit': that too waits for the held events.
    override removeAllListeners(event?: string | symbol): this {
      later(this, () => { super.removeAllListeners(event); });
      return this;
    }
  }
  return { ...real, Worker: ErrorFirstWorker };
});

const { WorkerPool } = await import('../dist/batch/pool.js');

describe('the worker pool, when a crash overtakes the answers before it', () => {
  it('settles the answered tasks with their answers and fails only the task that crashed', async () => {
    const pool = new WorkerPool<string, string>({
      size: 1, script: new URL('./fixtures/crashing-worker.mjs', import.meta.url), workerData: null,
      timeoutMs: 5000, onFailure: (t, reason) => `failed:${t}:${reason}`,
    });
    const results = await Promise.all(['a', 'throw', 'b', 'c', 'throw', 'd'].map(t => pool.run(t)));
    await pool.close();
    expect(results).toEqual(['ok:a', 'failed:throw:worker crashed: boom', 'ok:b', 'ok:c', 'failed:throw:worker crashed: boom', 'ok:d']);
  });
});
