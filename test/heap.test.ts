/** The heap keeper collects when the heap has grown, and never document after document; the JIT flags extract sets. */
import { describe, expect, it } from 'vitest';
import { GROWTH, heapKeeper, WARM_UP, type HeapProbe } from '../src/batch/heap.js';
import { INTERRUPT_BUDGET, jitFlags } from '../src/batch/jit.js';

/** A heap of `size` MB whose collection leaves `after(size)` MB; counts the collections. */
function fakeHeap(after: (size: number) => number) {
  const h = { size: 0, collections: 0 };
  const probe: HeapProbe = { size: () => h.size, collect: () => { h.collections++; h.size = after(h.size); } };
  return { h, probe };
}

describe('heapKeeper', () => {
  it('collects once at warm-up, then when the heap has grown GROWTH times what warm-up left', () => {
    const { h, probe } = fakeHeap(size => Math.min(size, 40));
    const keep = heapKeeper(probe);
    h.size = 60;
    for (let i = 1; i < WARM_UP; i++) keep();
    expect(h.collections).toBe(0);
    keep();
    expect([h.collections, h.size]).toEqual([1, 40]);
    h.size = 40 * GROWTH;
    for (let i = 0; i < 5 * WARM_UP; i++) keep();
    expect(h.collections).toBe(1);
    h.size = 40 * GROWTH + 1;
    keep();
    expect([h.collections, h.size]).toEqual([2, 40]);
  });

  it('collects at most once every WARM_UP documents, also when no collection brings the heap back (seen: space V8 keeps committed)', () => {
    // Small at warm-up (30 MB), then 51 MB that no collection gives back: the keeper once collected after every document.
    const { h, probe } = fakeHeap(size => size);
    const keep = heapKeeper(probe);
    h.size = 30;
    for (let i = 0; i < WARM_UP; i++) keep();
    h.size = 51;
    for (let i = 0; i < 3900; i++) keep();
    expect(h.collections).toBe(1 + 3900 / WARM_UP);
  });
});

describe('jitFlags', () => {
  it('raises the interrupt budget, unless the process was started with its own', () => {
    const ours = [`--interrupt-budget=${INTERRUPT_BUDGET}`];
    expect(jitFlags([])).toEqual(ours);
    expect(jitFlags(['--interrupt-budget=1000'])).toEqual([]);
    expect(jitFlags(['--interrupt_budget=1000'])).toEqual([]);
    // Another flag that starts the same way is not the budget.
    expect(jitFlags(['--interrupt-budget-for-feedback-allocation=500'])).toEqual(ours);
  });
});
