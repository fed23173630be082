/** Sentence segmentation that survives abbreviations ("Oct.", "U.S.", "No. 3"), initials, decimals and quotation marks. */
import type { Lexicon } from '../rules/load.js';

const TERMINAL = /[.!?。！？]+["'”’)\]]*/gu;
const LIST_MARKER = /^\s*(?:[-*•·]|\(?\d{1,2}[.)])\s/u;
/**
 * A run of white space this long inside a block is layout (columns of a converted table or PDF), not a space
 * between words: it ends a sentence. Patterns that may start with white space (`[\s\u00a0]+word`) are tried at
 * every position of a run, each try reading to its end, so a sentence holding a run of n spaces took time in n²:
 * a 20 KB release with one run of 20,000 took four seconds.
 */
const LAYOUT_GAP = /\s{64,}/gu;

/** Split text[start, end) into trimmed sentence spans (UTF-16 indices). Plain text treats some line ends as boundaries. */
export function segment(text: string, start: number, end: number, abbreviations: Lexicon, plainText: boolean): [number, number][] {
  const out: [number, number][] = [];
  const span = text.slice(start, end);
  const cuts: number[] = [];
  TERMINAL.lastIndex = 0;
  for (let m = TERMINAL.exec(span); m; m = TERMINAL.exec(span)) {
    const after = m.index + m[0].length;
    const rest = span.slice(after);
    if (after < span.length && !/^\s/u.test(rest)) continue; // "3.5", "U.S.-China", "e.g.,"
    if (m[0][0] === '.' && isAbbreviation(span, m.index, abbreviations)) continue;
    const next = rest.replace(/^\s+/u, '');
    if (next && m[0][0] === '.' && !/^[\p{Lu}\p{N}"'“‘(\[\p{Lo}]/u.test(next)) continue; // ". and", lower-case continuation
    if (/^(?:[―—]|--)[\s\u00a0]*\p{Lu}/u.test(next)) continue; // a dash signature ('"Why?" ― Ana Ruiz') belongs to its quotation
    cuts.push(after);
  }
  LAYOUT_GAP.lastIndex = 0;
  for (let m = LAYOUT_GAP.exec(span); m; m = LAYOUT_GAP.exec(span)) cuts.push(m.index, m.index + m[0].length);
  if (plainText) {
    // In plain text a line end closes a sentence after terminal punctuation, before a list item, or after a short line.
    let i = span.indexOf('\n');
    while (i !== -1) {
      const lineStart = span.lastIndexOf('\n', i - 1) + 1;
      const prev = span.slice(lineStart, i).trimEnd();
      const next = span.slice(i + 1, span.indexOf('\n', i + 1) === -1 ? undefined : span.indexOf('\n', i + 1));
      if (/[.!?:;"”。！？]$/u.test(prev) || LIST_MARKER.test(next) || prev.length < 50) cuts.push(i);
      i = span.indexOf('\n', i + 1);
    }
  }
  cuts.sort((a, b) => a - b);
  let s = 0;
  for (const c of [...cuts, span.length]) {
    if (c <= s) continue;
    pushTrimmed(out, span, s, c, start);
    s = c;
  }
  return out;
}

function pushTrimmed(out: [number, number][], span: string, s: number, e: number, base: number) {
  while (s < e && /\s/u.test(span[s]!)) s++;
  while (e > s && /\s/u.test(span[e - 1]!)) e--;
  if (e > s) out.push([base + s, base + e]);
}

/** Whether the period at `dot` ends an abbreviation or an initial rather than a sentence. */
function isAbbreviation(span: string, dot: number, abbreviations: Lexicon): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.&]/u.test(span[i - 1]!)) i--;
  const word = span.slice(i, dot + 1);
  if (!word || word === '.') return false;
  if (abbreviations.has(word)) return true;
  if (/^\p{Lu}\.$/u.test(word)) return true; // an initial: "Jane R. Ortega"
  if (/^(?:\p{L}\.){2,}$/u.test(word)) {
    // "U.S." ends a sentence only before a capitalised common word; treat it as part of the sentence.
    return true;
  }
  return false;
}
