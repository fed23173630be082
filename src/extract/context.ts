/**
 * Fills a quantity's fields from its sentence: period, baseline, target-or-figure, direction, metric and
 * subject. Each comes from rules of one kind; the policies that pick among matches are here and in the README.
 */
import { FOCUS, OTHER, type CompiledRule, type RuleSet } from '../rules/load.js';
import { unitClass, type BlockKind, type Quantity } from './quantities.js';

/** A period expression: "in 2023", "by 2027", "this year", "the first half". Offsets are UTF-16 into the text. */
export interface PeriodMention { start: number; end: number; value: string; type: 'in' | 'by'; rule: CompiledRule }
/** A span a period rule claimed without giving a period (a calendar date). */
export interface ClaimedSpan { start: number; end: number; rule: CompiledRule }
/** A baseline expression: "compared to 2019", "from 2005 levels"; value null for "year on year". */
export interface BaselineMention { start: number; end: number; value: string | null; rule: CompiledRule }
/** A cue that makes a quantity a target or a figure. */
export interface Cue { start: number; end: number; kind: 'target' | 'figure'; text: string; rule: CompiledRule }

function* matches(rule: CompiledRule, s: string): Generator<RegExpExecArray> {
  rule.regex.lastIndex = 0;
  for (let m = rule.regex.exec(s); m; m = rule.regex.exec(s)) {
    if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
    yield m;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Baselines first: their years must not be read as periods. */
export function findBaselines(sentence: string, base: number, rules: RuleSet): BaselineMention[] {
  const out: BaselineMention[] = [];
  for (const rule of rules.rules.get('baseline')!) {
    for (const m of matches(rule, sentence)) {
      const s = base + m.index, e = s + m[0].length;
      if (out.some(o => o.start < e && s < o.end)) continue;
      const y = m.groups?.year;
      out.push({ start: s, end: e, value: y ?? null, rule });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Period expressions of a sentence, resolved against the reference year; spans inside baselines are skipped,
 * and so are spans claimed by a rule of period_type none (calendar dates). `claimed` receives those spans.
 */
export function findPeriods(sentence: string, base: number, rules: RuleSet, refYear: number | null, baselines: BaselineMention[], claimed: ClaimedSpan[] = []): PeriodMention[] {
  const out: PeriodMention[] = [];
  const taken = (s: number, e: number) => out.some(o => o.start < e && s < o.end) || claimed.some(o => o.start < e && s < o.end) || baselines.some(o => o.start < e && s < o.end);
  for (const rule of rules.rules.get('period')!) {
    for (const m of matches(rule, sentence)) {
      const s = base + m.index, e = s + m[0].length;
      if (taken(s, e)) continue;
      if (rule.builds.period_type === 'none') { claimed.push({ start: s, end: e, rule }); continue; }
      const v = periodValue(rule, m.groups ?? {}, refYear, rules);
      if (v) out.push({ start: s, end: e, value: v, type: rule.builds.period_type === 'by' ? 'by' : 'in', rule });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function periodValue(rule: CompiledRule, g: Record<string, string | undefined>, refYear: number | null, rules: RuleSet): string | null {
  let year: number | null = g.year ? Number(g.year) : null;
  if (g.fy !== undefined) year = Number(g.fy.length === 2 ? `20${g.fy}` : g.fy);
  const offset = rule.builds.year_offset;
  if (year === null && typeof offset === 'number' && refYear !== null) year = refYear + offset;
  if (year === null && rule.builds.year === 'reference' && refYear !== null) year = refYear;
  if (year === null) return null;
  if (g.quarter) {
    const q = rules.lex('ordinals').get(g.quarter) ?? Number(g.quarter.replace(/\D/g, ''));
    return typeof q === 'number' && q >= 1 && q <= 4 ? `${year}-Q${q}` : null;
  }
  if (g.half) {
    const h = rules.lex('ordinals').get(g.half) ?? Number(g.half.replace(/\D/g, ''));
    return h === 1 || h === 2 ? `${year}-H${h}` : null;
  }
  if (g.month) {
    const mo = rules.lex('months').get(g.month);
    if (typeof mo !== 'number') return null;
    if (!g.day) return `${year}-${pad2(mo)}`;
    const d = Number(g.day);
    const dt = new Date(Date.UTC(year, mo - 1, d));
    return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? `${year}-${pad2(mo)}-${pad2(d)}` : null;
  }
  return String(year);
}

/** Target and figure cues of a sentence. */
export function findCues(sentence: string, base: number, rules: RuleSet): Cue[] {
  const out: Cue[] = [];
  for (const rule of rules.rules.get('classify')!) {
    for (const m of matches(rule, sentence)) {
      const s = base + m.index, e = s + m[0].length;
      if (out.some(o => o.start < e && s < o.end)) continue;
      out.push({ start: s, end: e, kind: rule.builds.class === 'target' ? 'target' : 'figure', text: m[0], rule });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The sentence with the focus quantity as FOCUS and the others as OTHER, so rules can say {{Q}} and {{OQ}}. */
export function mask(sentence: string, base: number, focus: Quantity, all: Quantity[]): string {
  let out = '';
  let i = base;
  for (const q of all) {
    out += sentence.slice(i - base, q.start - base) + (q === focus ? FOCUS : OTHER);
    i = q.end;
  }
  return out + sentence.slice(i - base);
}

/**
 * The first rule of a kind whose pattern matches the masked sentence around the focus quantity; `accept` may
 * refuse a match (a rule that builds "@previous" when there is nothing before), and the next rule is tried.
 */
export function firstMatch(kind: 'direction' | 'metric' | 'subject', masked: string, q: Quantity | null, rules: RuleSet, accept?: (rule: CompiledRule, m: RegExpExecArray) => boolean, block: BlockKind = 'paragraph'): { rule: CompiledRule; m: RegExpExecArray } | null {
  for (const rule of rules.rules.get(kind)!) {
    const only = rule.when?.unit_class;
    if (only && q && !only.includes(unitClass(q.unit))) continue;
    if (rule.when?.block && !rule.when.block.includes(block)) continue;
    for (const m of matches(rule, masked)) {
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
