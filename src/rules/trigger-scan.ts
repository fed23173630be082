/**
 * Which trigger sets a text holds, for all rules in one pass: an Aho-Corasick automaton over every trigger
 * string, compiled to a table (state × character class → state), so each character of the text costs one
 * lookup whatever the number of rules. Triggers hold lower-case ASCII and caseless characters of the Basic
 * Multilingual Plane (triggers.ts); the text is read the way a case-insensitive Unicode pattern reads it: "A"-"Z"
 * as "a"-"z", and "ſ" and the Kelvin sign as "s" and "k" (the only other characters that fold to ASCII).
 */
export class TriggerScanner {
  /** Character class by UTF-16 code unit; 0 is "in no trigger". */
  private readonly classOf = new Uint16Array(65536);
  private readonly width: number;
  private readonly next: Uint32Array;
  /** The sets whose trigger ends at a state: ids outIds[outStart[s]] .. outIds[outStart[s + 1] - 1]. */
  private readonly outStart: Uint32Array;
  private readonly outIds: Uint32Array;
  /** A set was found in the last text when its mark is the current stamp. */
  private readonly marks: Uint32Array;
  private stamp = 0;

  /** `sets[i]` is set i's trigger strings (lower-case ASCII, none empty). */
  constructor(readonly sets: readonly (readonly string[])[]) {
    const chars = [...new Set(sets.flatMap(s => s.flatMap(t => [...t])))].sort();
    chars.forEach((c, i) => { this.classOf[c.charCodeAt(0)] = i + 1; });
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32]!;
    this.classOf[0x17f] = this.classOf[0x73]!;
    this.classOf[0x212a] = this.classOf[0x6b]!;
    const width = this.width = chars.length + 1;
    // The trie: goto edges, and the sets ending at each state.
    const edges: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    sets.forEach((set, id) => {
      for (const t of set) {
        let s = 0;
        for (let i = 0; i < t.length; i++) {
          const cls = this.classOf[t.charCodeAt(i)]!;
          let n = edges[s]!.get(cls);
          if (n === undefined) { n = edges.length; edges.push(new Map()); ends.push([]); edges[s]!.set(cls, n); }
          s = n;
        }
        if (!ends[s]!.includes(id)) ends[s]!.push(id);
      }
    });
    // Breadth first: failure links, full transitions, and each state's sets with those of its failure state.
    const states = edges.length;
    const next = this.next = new Uint32Array(states * width);
    const fail = new Uint32Array(states);
    const out: number[][] = ends.map(e => e.slice());
    const queue: number[] = [];
    for (let cls = 0; cls < width; cls++) {
      const n = edges[0]!.get(cls);
      if (n !== undefined) { next[cls] = n; queue.push(n); }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const id of out[fail[s]!]!) if (!out[s]!.includes(id)) out[s]!.push(id);
      for (let cls = 0; cls < width; cls++) {
        const n = edges[s]!.get(cls);
        if (n === undefined) next[s * width + cls] = next[fail[s]! * width + cls]!;
        else { fail[n] = next[fail[s]! * width + cls]!; next[s * width + cls] = n; queue.push(n); }
      }
    }
    this.outStart = new Uint32Array(states + 1);
    for (let s = 0; s < states; s++) this.outStart[s + 1] = this.outStart[s]! + out[s]!.length;
    this.outIds = new Uint32Array(out.flat());
    this.marks = new Uint32Array(sets.length);
  }

  /** Read a text; found() then answers for it. */
  scan(text: string): void {
    const stamp = ++this.stamp;
    const { classOf, next, outStart, outIds, marks, width } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = next[s * width + classOf[c]!]!;
      for (let k = outStart[s]!, e = outStart[s + 1]!; k < e; k++) marks[outIds[k]!] = stamp;
    }
  }

  /** Whether the last text scanned holds one of set `id`'s triggers. */
  found(id: number): boolean {
    return this.marks[id] === this.stamp;
  }
}
