/** A worker's ring for its outputs: texts come back byte for byte, room is reused only once freed, and a full ring says so. */
import { describe, expect, it } from 'vitest';
import { ArenaFiller, ArenaReader, newArena } from '../src/batch/arena.js';
import { packOutputs, unpackOutput, type DocOutput } from '../src/batch/output.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : null);

function output(id: string, json: string | null, rows: Partial<Record<'documents' | 'targets', string>>): DocOutput {
  const csv: DocOutput['csv'] = {};
  for (const [t, r] of Object.entries(rows)) csv[t as 'documents' | 'targets'] = bytes(r);
  return { path: `${id}.txt`, docId: id, sha256: 'a'.repeat(64), json: json === null ? null : bytes(json), csv, counts: {}, messages: [] };
}

describe('ArenaFiller and ArenaReader', () => {
  it('place texts one after another and give views on the same bytes', () => {
    const sab = newArena(16);
    const fill = new ArenaFiller(sab), read = new ArenaReader(sab);
    const p = fill.place([bytes('abc'), bytes('defg')])!;
    expect(p).toEqual({ spans: [[0, 3], [3, 4]], start: 0, end: 7 });
    expect(p.spans.map(s => text(read.view(s)))).toEqual(['abc', 'defg']);
  });

  it('refuse a stretch that does not fit in the room freed, then take it once freed, starting over at the beginning', () => {
    const sab = newArena(16);
    const fill = new ArenaFiller(sab), read = new ArenaReader(sab);
    const a = fill.place([bytes('0123456789')])!;
    const releaseA = read.hold(a.end);
    // 10 of 16 bytes in use: 8 more do not fit, and would not fit before the end of the ring either.
    expect(fill.place([bytes('abcdefgh')])).toBeNull();
    releaseA();
    const b = fill.place([bytes('abcdefgh')])!;
    // Positions 10-15 are left unused: the stretch starts at the beginning of the ring (position 16).
    expect(b).toEqual({ spans: [[16, 8]], start: 16, end: 24 });
    expect(text(read.view(b.spans[0]!))).toBe('abcdefgh');
  });

  it('free only up to the oldest output still held, whatever the order they are released in', () => {
    const sab = newArena(12);
    const fill = new ArenaFiller(sab), read = new ArenaReader(sab);
    const a = fill.place([bytes('aaaa')])!, b = fill.place([bytes('bbbb')])!;
    const releaseA = read.hold(a.end), releaseB = read.hold(b.end);
    releaseB();
    // a is still held: only 4 bytes are free, so 5 do not fit.
    expect(fill.place([bytes('ccccc')])).toBeNull();
    expect(text(read.view(a.spans[0]!))).toBe('aaaa');
    releaseA();
    const c = fill.place([bytes('ccccc')])!;
    expect(c.start).toBe(12);
    expect(text(read.view(c.spans[0]!))).toBe('ccccc');
  });
});

describe('packOutputs and unpackOutput', () => {
  it('round-trip a batch through the ring: the same JSON and rows, skipped documents included', () => {
    const sab = newArena(1024);
    const fill = new ArenaFiller(sab), read = new ArenaReader(sab);
    const outs = [output('a', '{"a":1}', { documents: 'a,1\n', targets: 'a#t1\n' }), output('b', null, {}), output('c', '{"c":3}', { documents: 'c,3\n', targets: '' })];
    packOutputs(outs, fill, 0);
    expect(outs.map(o => [o.json, o.csv, o.packed?.end])).toEqual([[null, {}, 16], [null, {}, 16], [null, {}, 27]]);
    const back = outs.map(o => unpackOutput(o, read));
    expect(back.map(o => [o.docId, text(o.json), text(o.csv.documents), text(o.csv.targets), 'packed' in o])).toEqual([
      ['a', '{"a":1}', 'a,1\n', 'a#t1\n', false],
      ['b', null, null, null, false],
      ['c', '{"c":3}', 'c,3\n', '', false],
    ]);
    expect(back.every(o => typeof o.release === 'function')).toBe(true);
  });

  it('leave the outputs as they are when the ring has no room, to go as moved buffers', () => {
    const sab = newArena(8);
    const outs = [output('a', '{"a":"a long text"}', { documents: 'a,1\n' })];
    packOutputs(outs, new ArenaFiller(sab), 0);
    expect(outs[0]!.packed).toBeUndefined();
    expect(text(outs[0]!.json)).toBe('{"a":"a long text"}');
    expect(unpackOutput(outs[0]!, new ArenaReader(sab))).toBe(outs[0]);
  });
});
