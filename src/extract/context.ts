/**
 * Fills a quantity's fields from its sentence: period, baseline, target-or-figure, direction, metric and
 * subject. Each comes from rules of one kind; the policies that pick among matches are here and in the README.
 */
import { FOCUS, mayMatch, OTHER, withoutSentinels, type CompiledRule, type RuleSet } from '../rules/load.js';
import { unitClass, type BlockKind, type Quantity } from './quantities.js';
import { memoByObject } from '../memo.js';
import { isPeriodValue, type DateMention } from './dates.js';
import { byStart } from '../order.js';

/** A period expression: "in 2023", "by 2027", "this year", "the first half". Offsets are UTF-16 into the text. */
export interface PeriodMention { start: number; end: number; value: string; type: 'in' | 'by'; rule: CompiledRule; /** Where its deadline word starts ("by 2027"), else start. */ leadStart: number }

/** A baseline expression: "compared to 2019", "from 2005 levels"; value null for "year on year". */
export interface BaselineMention { start: number; end: number; value: string | null; rule: CompiledRule }
/** A cue that makes a quantity a target or a figure. */
export interface Cue { start: number; end: number; kind: 'target' | 'figure'; text: string; rule: CompiledRule }

function* matches(rule: CompiledRule, s: string, from = 0): Generator<RegExpExecArray> {
  rule.regex.lastIndex = from;
  for (let m = rule.regex.exec(s); m; m = rule.regex.exec(s)) {
    if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
    yield m;
  }
}

/** Baselines first: their years must not be read as periods. */
export function findBaselines(sentence: string, base: number, rules: RuleSet): BaselineMention[] {
  const out: BaselineMention[] = [];
  for (const rule of rules.rules.get('baseline')!) {
    if (!mayMatch(rule, sentence)) continue;
    for (const m of matches(rule, sentence)) {
      const s = base + m.index, e = s + m[0].length;
      if (out.some(o => o.start < e && s < o.end)) continue;
      const y = m.groups?.year;
      out.push({ start: s, end: e, value: y ?? null, rule });
    }
  }
  return out.sort(byStart);
}

/** Words before a date that make it a deadline ("by 2027", "no later than 2030"). */
const DEADLINE = /(?:^|[^\p{L}])((?:by|before|until|till|through|no[\s\u00a0]+later[\s\u00a0]+than|ahead[\s\u00a0]+of)[\s\u00a0]+)$/iu;
/** Words before a day that make it the date a stock is measured on ("as of Sept. 28, 2024"). */
const STOCK_DAY = /(?:^|[^\p{L}])(?:as[\s\u00a0]+(?:of|at)|ended|ending|by|before|until|through|on[\s\u00a0]+or[\s\u00a0]+before)[\s\u00a0]+$/iu;

/**
 * The periods of a sentence, from its dates (one resolver for both): calendar dates of year, half, quarter or
 * month granularity, and days only where they date a stock or a deadline (a day is usually when something was
 * said). Dates inside a baseline ("compared to 2019") are not periods.
 */
export function periodsOf(dates: DateMention[], sentence: string, base: number, baselines: BaselineMention[]): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (const d of dates) {
    if (d.type !== 'date' || !isPeriodValue(d.value)) continue;
    if (baselines.some(o => o.start < d.end && d.start < o.end)) continue;
    const before = sentence.slice(Math.max(0, d.start - base - 40), d.start - base);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d.value) && !STOCK_DAY.test(before)) continue;
    const dl = DEADLINE.exec(before);
    // A deadline on the last day of a year is that year ("by 31 December 2030").
    const value = dl && /^\d{4}-12-31$/.test(d.value) ? d.value.slice(0, 4) : d.value;
    const leadStart = dl ? d.start - dl[1]!.length : d.start;
    out.push({ start: d.start, end: d.end, value, type: dl ? 'by' : 'in', rule: d.rule, leadStart });
  }
  return out;
}

/** Target and figure cues of a sentence. */
export function findCues(sentence: string, base: number, rules: RuleSet): Cue[] {
  const out: Cue[] = [];
  for (const rule of rules.rules.get('classify')!) {
    if (!mayMatch(rule, sentence)) continue;
    for (const m of matches(rule, sentence)) {
      const s = base + m.index, e = s + m[0].length;
      if (out.some(o => o.start < e && s < o.end)) continue;
      out.push({ start: s, end: e, kind: rule.builds.class === 'target' ? 'target' : 'figure', text: m[0], rule });
    }
  }
  return out.sort(byStart);
}

/** The sentence with the focus quantity as FOCUS and the others as OTHER, so rules can say {{Q}} and {{OQ}}. */
export function mask(sentence: string, base: number, focus: Quantity, all: Quantity[]): string {
  sentence = withoutSentinels(sentence);
  let out = '';
  let i = base;
  for (const q of all) {
    out += sentence.slice(i - base, q.start - base) + (q === focus ? FOCUS : OTHER);
    i = q.end;
  }
  return out + sentence.slice(i - base);
}

/** Whether a rule's pattern names the focus quantity ({{Q}}), so every match contains it. */
const aboutFocus = memoByObject((rule: CompiledRule) => rule.regex.source.includes(FOCUS));

/** Whether a rule's pattern ends with the focus quantity, so nothing after it can change a match. */
const endsAtFocus = memoByObject((rule: CompiledRule) => rule.regex.source.endsWith(FOCUS));

/**
 * A pattern split at its focus quantity, when the focus stands at its top level (not inside a group, a class or
 * one branch of an alternation): the source before it and the source after it. Null otherwise.
 */
export function splitAtFocus(source: string): [string, string] | null {
  let depth = 0, inClass = false, at = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return null;
    else if (c === FOCUS) {
      if (depth !== 0 || at !== -1) return null;
      at = i;
    }
  }
  return at === -1 ? null : [source.slice(0, at), source.slice(at + 1)];
}

/**
 * A pattern with each named group (the phrase a rule captures) replaced by "any text": a pattern that matches
 * wherever the original does, and a small one, since the captured noun phrases are most of a metric pattern.
 * Null when the pattern refers back to a group.
 */
export function withoutPhrases(source: string): string | null {
  if (/\\k</u.test(source)) return null;
  let out = '', inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') { out += source.slice(i, i + 2); i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    if (c === '(' && source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') {
      // Skip to the group's closing parenthesis.
      let depth = 0, cls = false, j = i;
      for (; j < source.length; j++) {
        const d = source[j];
        if (d === '\\') { j++; continue; }
        if (cls) { if (d === ']') cls = false; continue; }
        if (d === '[') cls = true;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      out += '(?:[^]*?)';
      i = j;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * A quick test that a rule about the focus quantity cannot match: the parts of its pattern before and after the
 * focus, as a lookbehind and a lookahead tried at the focus alone, with the phrases it captures read as any text
 * (withoutPhrases). The text holds one focus character, so every match puts the pattern's focus on it, and where
 * the probe fails the rule has no match; where it holds, the rule runs as written and picks its match as before.
 * A pattern that opens with a noun phrase is otherwise tried from every position before the focus, which was most
 * of the time of the metric rules; the probe is one backward match of the words around the phrase ("rose",
 * "accounted for"), and it compiles to a small fraction of the rule's code. Null for a pattern whose focus is not
 * at its top level.
 */
const probeOf = memoByObject((rule: CompiledRule): RegExp | null => {
  const loose = withoutPhrases(rule.regex.source);
  const parts = loose === null ? null : splitAtFocus(loose);
  return parts ? new RegExp(`(?<=${parts[0]})${FOCUS}(?=${parts[1]})`, rule.regex.flags.replace(/[gdy]/g, '') + 'y') : null;
});

/** How far before the focus quantity a rule's match may start (a metric phrase, a subject and its verb). */
const FOCUS_REACH = 160;

/**
 * The first rule of a kind whose pattern matches the masked sentence around the focus quantity; `accept` may
 * refuse a match (a rule that builds "@previous" when there is nothing before), and the next rule is tried.
 * `probes: false` skips the quick tests that rule a pattern out (the tests compare both ways).
 */
export function firstMatch(kind: 'direction' | 'metric' | 'subject', masked: string, q: Quantity | null, rules: RuleSet, accept?: (rule: CompiledRule, m: RegExpExecArray) => boolean, block: BlockKind = 'paragraph', probes = true): { rule: CompiledRule; m: RegExpExecArray } | null {
  // A rule about the focus quantity matches around it: the search starts FOCUS_REACH characters before it.
  const at = masked.indexOf(FOCUS);
  const from = at > FOCUS_REACH ? at - FOCUS_REACH : 0;
  for (const rule of rules.rules.get(kind)!) {
    const only = rule.when?.unit_class;
    if (only && q && !only.includes(unitClass(q.unit))) continue;
    if (rule.when?.block && !rule.when.block.includes(block)) continue;
    if (!mayMatch(rule, masked)) continue;
    // A rule that ends with the focus quantity never reads past it.
    const text = at !== -1 && endsAtFocus(rule) ? masked.slice(0, at + 1) : masked;
    const probe = probes && at !== -1 && aboutFocus(rule) ? probeOf(rule) : null;
    if (probe) {
      probe.lastIndex = at;
      if (!probe.test(text)) continue;
    }
    for (const m of matches(rule, text, aboutFocus(rule) ? from : 0)) {
      if (!accept || accept(rule, m)) return { rule, m };
      break;
    }
  }
  return null;
}

/** The nearest item to a quantity: before it first (within the sentence), else after it. */
export function nearest<T extends { start: number; end: number }>(items: T[], q: Quantity): T | null {
  let before: T | null = null, after: T | null = null;
  for (const it of items) {
    if (it.end <= q.start) { if (!before || it.end > before.end) before = it; }
    else if (it.start >= q.end) { if (!after || it.start < after.start) after = it; }
  }
  return before ?? after;
}

/** The period closest to the quantity in characters; a sentence's only period applies to all its quantities. */
export function closestPeriod(periods: PeriodMention[], q: Quantity): PeriodMention | null {
  let best: PeriodMention | null = null, bestD = Infinity;
  for (const p of periods) {
    const d = p.start >= q.end ? p.start - q.end : q.start >= p.end ? q.start - p.end : 0;
    if (d < bestD) { best = p; bestD = d; }
  }
  return best;
}

/**
 * Clean a captured noun phrase: drop leading determiners, a leading possessor ("the city's economic growth"
 * → "economic growth": the owner is the subject, not the metric) and trailing punctuation.
 */
export function tidyPhrase(s: string, rules: RuleSet): string | null {
  const det = rules.lex('determiners');
  const words = s.replace(/[\s\u00a0]+/g, ' ').trim().replace(/[,.;:]+$/, '').split(' ');
  for (;;) {
    if (words.length > 1 && det.has(words[0]!)) words.shift();
    else if (words.length > 1 && /^\p{L}[\p{L}\p{N}.-]*['’]s$/u.test(words[0]!)) words.shift();
    else break;
  }
  const out = words.join(' ').replace(/^["“”'‘’(]+|["“”'‘’)]+$/g, '');
  return out && !det.has(out) ? out : null;
}
