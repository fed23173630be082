/**
 * Finds quantity mentions in a sentence by running every quantity rule, then drops the ones that exclusion
 * rules mark as identifiers, dates, phone numbers or list markers. Capture groups have fixed meanings
 * (value, max, scale, currency, unit, cmp, sign, fraction: see README "Writing a rule"); the engine knows no rule.
 */
import { mayMatch, type CompiledRule, type Lexicon, type RuleSet } from '../rules/load.js';
import { groupSpan } from '../rules/spans.js';
import { clean, parseNumeral, parseNumberWords } from './numbers.js';
import { memoByObject } from '../memo.js';
import { byStart } from '../order.js';

/** A change verb of the list before a range, in its clause ("rose from 5 to 7"), made once per list. */
const changeBefore = memoByObject((verbs: Lexicon) => new RegExp(`\\b(?:${verbs.alternation()})\\b[^,;.]*$`, 'iu'));

export type UnitClass = 'percent' | 'money' | 'count' | 'physical' | 'multiple';
export type Comparator = '=' | '>' | '>=' | '<' | '<=' | '~' | 'range';

/** A quantity found in a sentence; offsets are UTF-16 indices into the document text. */
export interface Quantity {
  start: number;
  end: number;
  text: string;
  value: number;
  value_max: number | null;
  value_from: number | null;
  unit: string;
  comparator: Comparator;
  /** Direction stated by the quantity itself ("-55%", "double"), else null. */
  direction: 'increase' | 'decrease' | 'level' | null;
  rule: CompiledRule;
  valueStart: number;
  valueEnd: number;
}

export function unitClass(unit: string): UnitClass {
  if (unit === '%' || unit === 'pp') return 'percent';
  if (unit === '') return 'count';
  if (unit === 'x') return 'multiple';
  if (/^[A-Z]{3}$/.test(unit)) return 'money';
  return 'physical';
}

type Groups = Record<string, string | undefined>;

/** Build a quantity from one regex match of a rule; null when the match does not make a valid quantity. */
export function buildQuantity(rule: CompiledRule, m: RegExpExecArray, base: number, sentence: string, rules: RuleSet, dollar = 'USD'): Quantity | null {
  const g: Groups = m.groups ?? {};
  const b = rule.builds;
  const words = rules.lex('number_words');
  const num = (numeral?: string, word?: string) => numeral !== undefined ? parseNumeral(numeral) : word !== undefined ? parseNumberWords(word, words) : null;

  let value: number | null = typeof b.value === 'number' ? b.value : null;
  if (g.value_named !== undefined) value = lexNumber(family(rules, '_values'), g.value_named);
  if (value === null) value = num(g.value, g.value_word);
  if (value === null) return null;
  let max = num(g.max, g.max_word);
  if ((g.max !== undefined || g.max_word !== undefined) && max === null) return null;

  let unit = typeof b.unit === 'string' ? b.unit : '';
  const scales = family(rules, '_scales');
  let scale = g.scale ? lexNumber(scales, g.scale) : 1;
  let maxScale = g.max_scale ? lexNumber(scales, g.max_scale) : null;
  if (scale === null || (g.max_scale && maxScale === null)) return null;
  const cur = g.currency ?? g.max_currency;
  if (cur !== undefined) {
    const c = family(rules, '_currencies').get(cur);
    if (typeof c !== 'string') return null;
    unit = c === 'DOLLAR' ? dollar : c;
  }
  if (g.unit !== undefined) {
    const u = family(rules, '_units').get(g.unit);
    if (typeof u === 'string') unit = u;
    else if (u && typeof u === 'object' && typeof u.unit === 'string') {
      unit = u.unit;
      if (typeof u.scale === 'number') { scale *= u.scale; if (maxScale !== null) maxScale *= u.scale; else if (max !== null) maxScale = u.scale; }
    } else return null;
  }
  // A scale written once for a range applies to both ends: "$1.2 to $1.3 billion".
  if (max !== null) {
    if (maxScale === null) maxScale = scale;
    if (!g.scale && maxScale !== 1) scale = maxScale;
    max = clean(max * maxScale);
  }
  const multiply = typeof b.multiply === 'number' ? b.multiply : 1;
  value = clean(value * scale * multiply);
  if (max !== null) max = clean(max * multiply);
  if (typeof b.min_value === 'number' && value < b.min_value) return null;

  let comparator: Comparator = '=';
  if (g.cmp !== undefined) {
    const c = rules.lex('comparators').get(g.cmp);
    if (typeof c !== 'string') return null;
    comparator = c as Comparator;
  }
  if (g.cmp_after !== undefined) {
    const c = rules.lex('comparators_after').get(g.cmp_after);
    if (typeof c !== 'string') return null;
    comparator = c as Comparator;
  }
  if (typeof b.comparator === 'string') comparator = b.comparator as Comparator;

  let direction: Quantity['direction'] = typeof b.direction === 'string' ? (b.direction as Quantity['direction']) : null;
  if (g.sign !== undefined) direction = 'decrease';

  let valueFrom: number | null = null;
  if (max !== null && b.ratio === true) {
    // "one in five": a share in percent.
    if (max === 0) return null;
    value = clean(Math.round((value / max) * 10000) / 100);
    max = null;
  } else if (max !== null) {
    comparator = 'range';
    if (typeof b.change_after === 'string') {
      // "from X to Y": after a change verb it is a change to Y, otherwise a range.
      const before = sentence.slice(Math.max(0, m.index - 60), m.index);
      if (changeBefore(rules.lex(b.change_after)).test(before)) { valueFrom = value; value = max; max = null; comparator = '='; }
    }
    if (max !== null && max < value) return null; // "10 to 5" is not a range
  }
  const vi = groupSpan(rule, m, 'value') ?? groupSpan(rule, m, 'value_word') ?? groupSpan(rule, m, 'value_named') ?? [m.index, m.index + m[0].length];
  return {
    start: base + m.index,
    end: base + m.index + m[0].length,
    text: m[0],
    value,
    value_max: max,
    value_from: valueFrom,
    unit,
    comparator,
    direction,
    rule,
    valueStart: base + vi[0],
    valueEnd: base + vi[1],
  };
}

/** Lookup across a family of word lists, by name suffix: every lexicon named "*_units" answers for the unit group. */
function family(rules: RuleSet, suffix: string): Pick<Lexicon, 'get'> {
  let byRules = families.get(rules);
  if (byRules === undefined) { byRules = new Map(); families.set(rules, byRules); }
  let f = byRules.get(suffix);
  if (f === undefined) {
    const members = [...rules.lexicons.values()].filter(l => l.name.endsWith(suffix));
    f = { get: (k: string) => { for (const l of members) { const v = l.get(k); if (v !== undefined) return v; } return undefined; } };
    byRules.set(suffix, f);
  }
  return f;
}
/** Families already gathered, by rule set and suffix: a quantity asks for several. */
const families = new WeakMap<RuleSet, Map<string, Pick<Lexicon, 'get'>>>();

/** Each quantity rule's place in its file order, by rule set: ties between candidates go to the earlier rule. */
const ruleOrder = memoByObject((rules: RuleSet) => new Map(rules.rules.get('quantity')!.map((r, i) => [r.id, i])));

function lexNumber(lex: Pick<Lexicon, 'get'>, s: string): number | null {
  const v = lex.get(s);
  return typeof v === 'number' ? v : null;
}

/** A span that exclusion rules mark as not a quantity. */
export interface Exclusion { start: number; end: number; rule: CompiledRule }

/** Run every exclusion rule over a sentence. */
export function findExclusions(sentence: string, base: number, rules: RuleSet): Exclusion[] {
  const out: Exclusion[] = [];
  for (const rule of rules.rules.get('exclusion')!) {
    if (!mayMatch(rule, sentence)) continue;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(sentence); m; m = rule.regex.exec(sentence)) {
      if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
      out.push({ start: base + m.index, end: base + m.index + m[0].length, rule });
    }
  }
  return out;
}

/** The kind of block a sentence stands in; rules may be limited to some kinds (`when.block`). */
export type BlockKind = 'title' | 'heading' | 'paragraph';

/** Every quantity in a sentence: all rules' matches, longest first, then rule order; excluded spans removed. */
export function findQuantities(sentence: string, base: number, rules: RuleSet, block: BlockKind = 'paragraph', dollar = 'USD'): { quantities: Quantity[]; dropped: { q: Quantity; by: Exclusion }[] } {
  const cands: Quantity[] = [];
  rules.rules.get('quantity')!.forEach(rule => {
    if (rule.when?.block && !rule.when.block.includes(block)) return;
    if (!mayMatch(rule, sentence)) return;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(sentence); m; m = rule.regex.exec(sentence)) {
      if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
      const q = buildQuantity(rule, m, base, sentence, rules, dollar);
      if (q) cands.push(q);
    }
  });
  const order = ruleOrder(rules);
  cands.sort((a, b) => (b.end - b.start) - (a.end - a.start) || order.get(a.rule.id)! - order.get(b.rule.id)! || a.start - b.start);
  if (!cands.length) return { quantities: [], dropped: [] };
  const kept: Quantity[] = [];
  for (const q of cands) if (!kept.some(k => k.start < q.end && q.start < k.end)) kept.push(q);
  const exclusions = findExclusions(sentence, base, rules);
  const quantities: Quantity[] = [];
  const dropped: { q: Quantity; by: Exclusion }[] = [];
  for (const q of kept) {
    const by = exclusions.find(x => x.start < q.valueEnd && q.valueStart < x.end);
    if (by) dropped.push({ q, by });
    else quantities.push(q);
  }
  quantities.sort(byStart);
  return { quantities, dropped };
}
