/**
 * A ring of shared memory through which a worker hands its outputs to the main thread. A buffer moved from a
 * worker counts, on the main thread, as memory V8 must collect: about 63 KB of JSON and CSV per release set off
 * a full collection of the main thread's heap every 190 releases (22 for 4,000 releases; 3 when no output was
 * sent). A worker that writes its outputs into its ring sends only where they lie; the main thread writes the
 * files from views on the ring, then frees what it has written.
 *
 * One worker fills a ring and the main thread frees it, always in the order it was filled (ArenaReader). A batch
 * that does not fit goes as moved buffers, as before, so a worker never waits for the main thread. Positions are
 * counted in bytes since the ring was made (a JavaScript number stays exact far beyond any run); the position
 * freed up to, in the ring's first 8 bytes, is the one number both threads touch.
 */

/** Bytes of each worker's ring: room for several batches of 32 releases of about 63 KB of output each. */
export const ARENA_BYTES = 16 * 1024 * 1024;
const HEADER = 8;

/** Where a text lies in a ring: [position since the ring was made, byte length]. */
export type Span = [at: number, length: number];

export function newArena(bytes = ARENA_BYTES): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + bytes);
}

/** The worker's side: places texts in the ring while the main thread has freed room for them. */
export class ArenaFiller {
  private readonly freedAt: BigInt64Array;
  private readonly data: Uint8Array;
  private readonly size: number;
  private head = 0;

  constructor(sab: SharedArrayBuffer) {
    this.freedAt = new BigInt64Array(sab, 0, 1);
    this.data = new Uint8Array(sab, HEADER);
    this.size = this.data.byteLength;
  }

  /**
   * Copy texts into one stretch of the ring and return where each lies and where the stretch ends, or null when
   * it does not fit in the room the main thread has freed (the caller sends them another way). A stretch never
   * wraps: when it does not fit before the end of the ring it starts at the beginning, and the end is left unused.
   */
  place(texts: readonly Uint8Array[]): { spans: Span[]; start: number; end: number } | null {
    let n = 0;
    for (const t of texts) n += t.byteLength;
    const pos = this.head % this.size;
    const skip = pos + n > this.size ? this.size - pos : 0;
    const used = this.head - Number(Atomics.load(this.freedAt, 0));
    if (used + skip + n > this.size) return null;
    const start = this.head + skip;
    let at = start;
    const spans: Span[] = [];
    for (const t of texts) {
      this.data.set(t, at % this.size);
      spans.push([at, t.byteLength]);
      at += t.byteLength;
    }
    this.head = at;
    return { spans, start, end: at };
  }
}

/**
 * The main thread's side: views on the texts a worker placed, and freeing them once written. Outputs are held
 * in the order they arrive (the order the worker placed them) and may be released in any order: the ring is
 * freed up to the end of the oldest output not yet released. (A batch sent again after a worker failed can
 * reach another worker behind later batches, and be written before them.)
 */
export class ArenaReader {
  private readonly freedAt: BigInt64Array;
  private readonly sab: SharedArrayBuffer;
  private readonly size: number;
  private readonly held: { end: number; done: boolean }[] = [];
  private first = 0;

  constructor(sab: SharedArrayBuffer) {
    this.sab = sab;
    this.freedAt = new BigInt64Array(sab, 0, 1);
    this.size = sab.byteLength - HEADER;
  }

  /** A view on a placed text: valid until it is released. */
  view([at, length]: Span): Uint8Array {
    return new Uint8Array(this.sab, HEADER + (at % this.size), length);
  }

  /** Hold an output whose texts end at `end`, until the function returned is called. */
  hold(end: number): () => void {
    const h = { end, done: false };
    this.held.push(h);
    return () => {
      h.done = true;
      let freed = -1;
      while (this.first < this.held.length && this.held[this.first]!.done) freed = this.held[this.first++]!.end;
      if (this.first > 1024 && this.first * 2 > this.held.length) { this.held.splice(0, this.first); this.first = 0; }
      if (freed >= 0) Atomics.store(this.freedAt, 0, BigInt(freed));
    };
  }
}
