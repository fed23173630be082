/** The heap keeper collects when the old generation has grown, and never document after document; the V8 flags extract sets and the command starts with. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROWTH, heapKeeper, WARM_UP, type HeapProbe } from '../src/batch/heap.js';
import { INTERRUPT_BUDGET, jitFlags, NODE_FLAGS } from '../src/batch/jit.js';

/** A heap of `size` MB whose collection leaves `after(size)` MB; counts the collections. */
function fakeHeap(after: (size: number) => number) {
  const h = { size: 0, collections: 0 };
  const probe: HeapProbe = { size: () => h.size, collect: () => { h.collections++; h.size = after(h.size); } };
  return { h, probe };
}

describe('heapKeeper', () => {
  it('collects once at warm-up, then when the old generation holds GROWTH times what the last collection left', () => {
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

  it('follows what stays alive: a collection that leaves more raises the limit to GROWTH times that', () => {
    // What stays alive grows from 40 to 60 MB (the main thread's list of inputs grows with the corpus).
    let live = 40;
    const { h, probe } = fakeHeap(() => live);
    const keep = heapKeeper(probe);
    for (let i = 0; i < WARM_UP; i++) keep();
    expect([h.collections, h.size]).toEqual([1, 40]);
    live = 60;
    h.size = 40 * GROWTH + 1;
    for (let i = 0; i < WARM_UP; i++) keep();
    expect([h.collections, h.size]).toEqual([2, 60]);
    // 100 MB is below 2 x 60: no collection, where a limit fixed at warm-up (80) collected every 100 documents.
    h.size = 100;
    for (let i = 0; i < 10 * WARM_UP; i++) keep();
    expect(h.collections).toBe(2);
    h.size = 60 * GROWTH + 1;
    for (let i = 0; i < WARM_UP; i++) keep();
    expect(h.collections).toBe(3);
  });

  it('collects at most once every WARM_UP documents, however fast the heap fills again', () => {
    // Every collection leaves 30 MB, and the next document finds 100 MB again: without the spacing a keeper
    // would collect after every document (seen once: the main thread collected after each, on a shrunk limit).
    const { h, probe } = fakeHeap(() => 30);
    const keep = heapKeeper(probe);
    for (let i = 0; i < 4000; i++) { h.size = 100; keep(); }
    expect(h.collections).toBe(4000 / WARM_UP);
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

describe('NODE_FLAGS', () => {
  it('are on the #! line of the pressmill command, which runs as a program', () => {
    const bin = readFileSync('bin/pressmill.js', 'utf8');
    expect(bin.split('\n')[0]).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
    const r = spawnSync('./bin/pressmill.js', ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('are passed by the npm scripts that run the command', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const name of ['extract', 'check', 'eval']) expect(scripts[name]).toMatch(new RegExp(`^node ${NODE_FLAGS.join(' ')} bin/pressmill\\.js `));
  });
});
