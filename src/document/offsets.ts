/** Converts JavaScript string indices (UTF-16 code units) to Unicode code point offsets, as SPEC's offsets are. */
export class CodePoints {
  private readonly prefix: Int32Array | null;
  constructor(text: string) {
    // Only texts with characters outside the BMP need a table; the rest map one to one.
    if (!/[\uD800-\uDBFF]/.test(text)) { this.prefix = null; return; }
    this.prefix = new Int32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.prefix[i] = cp;
      const c = text.charCodeAt(i);
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) cp++;
    }
    this.prefix[text.length] = cp;
  }
  /** Code point offset of a UTF-16 index. */
  at(utf16: number): number {
    return this.prefix ? this.prefix[utf16]! : utf16;
  }
}
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Length of a string in code points. */
export function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(s.charCodeAt(i - 1)))) n++;
  }
  return n;
}
