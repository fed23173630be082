/**
 * "respectively" lists pair values and metrics in order: "growth of 6%, 10% and 3% in retail sales,
 * fixed-asset investment and foreign trade, respectively". A refiner over the sentence's quantities.
 */
import type { RuleSet } from '../rules/load.js';
import type { Quantity } from './quantities.js';
import { tidyPhrase } from './context.js';

const SEP = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/iu;

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
  const split = (s: string) => s.split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/iu).map(x => tidyPhrase(x, rules)).filter((x): x is string => !!x);
  // Metrics after the values: "... in A, B and C, respectively".
  const after = sentence.slice(last.end - base, at);
  const ma = /^\s*(?:[\p{L}-]+\s+){0,2}?(?:in|of|for|on)\s+(.+?)[,\s]*$/iu.exec(after);
  let names = ma ? split(ma[1]!) : [];
  if (names.length !== run.length) {
    // Metrics before the values: "A, B and C grew by 5%, 6% and 7%, respectively".
    const before = sentence.slice(0, first.start - base);
    const mb = /(?:^|[,:;]\s+|\bthat\s+)((?:[^,;:]+,\s*)*[^,;:]+?\s+(?:and|or)\s+[^,;:]+?)\s+(?:[\p{Ll}-]+\s+){0,3}?(?:by|of|at|to|were|was|rose|grew|fell|reached)?\s*$/iu.exec(before);
    names = mb ? split(mb[1]!.replace(/^(?:the|its|their)\s+/iu, '')) : [];
  }
  if (names.length !== run.length) return out;
  run.forEach((q, i) => out.set(q, names[i]!));
  return out;
}
