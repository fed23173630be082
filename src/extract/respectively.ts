/**
 * "respectively" lists pair values and metrics in order: "growth of 6%, 10% and 3% in retail sales,
 * fixed-asset investment and foreign trade, respectively". A refiner over the sentence's quantities.
 * Noun phrases are cut at the words of the np_breakers list, the same list the metric rules use.
 */
import type { RuleSet } from '../rules/load.js';
import type { Quantity } from './quantities.js';
import { tidyPhrase } from './context.js';

const SEP = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/iu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&/.-]*/gu;

/** Metrics for the quantities of a respectively-list, by quantity; empty when the sentence has none. */
export function respectivelyMetrics(sentence: string, base: number, qs: Quantity[], rules: RuleSet): Map<Quantity, string> {
  const out = new Map<Quantity, string>();
  const at = sentence.search(/\brespectively\b/iu);
  if (at === -1 || qs.length < 2) return out;
  // The run of quantities joined by commas or "and" that stands before "respectively".
  let run: Quantity[] = [];
  for (const q of qs) {
    if (q.start - base > at) break;
    const prev = run[run.length - 1];
    if (prev && SEP.test(sentence.slice(prev.end - base, q.start - base))) run.push(q);
    else run = [q];
  }
  if (run.length < 2) return out;
  const first = run[0]!, last = run[run.length - 1]!;
  const breaks = rules.lex('np_breakers');
  const split = (s: string) => s.split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/iu).map(x => tidyPhrase(x, rules)).filter((x): x is string => !!x);
  // Metrics after the values: "... in A, B and C, respectively".
  const after = sentence.slice(last.end - base, at);
  const ma = /^\s*(?:[\p{L}-]+\s+){0,2}?(?:in|of|for|on)\s+(.+?)[,\s]*$/iu.exec(after);
  let names = ma ? split(ma[1]!) : [];
  if (names.length !== run.length) names = listBefore(sentence.slice(0, first.start - base), run.length, w => breaks.has(w))
    .map(x => tidyPhrase(x, rules)).filter((x): x is string => !!x);
  if (names.length !== run.length) return out;
  run.forEach((q, i) => out.set(q, names[i]!));
  return out;
}

/**
 * Metrics before the values: "keep retail sales, fixed-asset investment and foreign trade growing by 6%, 10%
 * and 3%". The words between the list and the values (verbs, prepositions) are dropped, the list is split at
 * its commas and its last "and"/"or", and each item keeps only its trailing noun phrase.
 */
function listBefore(before: string, n: number, isBreak: (w: string) => boolean): string[] {
  const clause = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf(':')) + 1);
  const words = [...clause.matchAll(WORD)];
  let end = words.length;
  while (end > 0 && isBreak(words[end - 1]![0])) end--;
  if (end === 0) return [];
  const text = clause.slice(0, words[end - 1]!.index! + words[end - 1]![0].length);
  const conj = /\s+(?:and|or)\s+(?=[^,]*$)/iu.exec(text);
  if (!conj) return [];
  const lastItem = leadingNp(text.slice(conj.index + conj[0].length), isBreak);
  const items = text.slice(0, conj.index).split(/\s*,\s*/u);
  if (items.length < n - 1 || !lastItem) return [];
  const heads = items.slice(items.length - (n - 1)).map(s => trailingNp(s, isBreak));
  if (heads.some(h => !h)) return [];
  return [...heads, lastItem] as string[];
}

function trailingNp(s: string, isBreak: (w: string) => boolean): string | null {
  const words = [...s.matchAll(WORD)];
  let i = words.length;
  while (i > 0 && !isBreak(words[i - 1]![0])) i--;
  return i === words.length ? null : s.slice(words[i]!.index!).trim();
}

function leadingNp(s: string, isBreak: (w: string) => boolean): string | null {
  const words = [...s.matchAll(WORD)];
  let i = 0;
  while (i < words.length && !isBreak(words[i]![0])) i++;
  return i === 0 ? null : s.slice(0, words[i - 1]!.index! + words[i - 1]![0].length).trim();
}
