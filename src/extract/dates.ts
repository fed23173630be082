/**
 * Temporal expressions, TIMEX3 style. Date rules (rules/dates.yaml) find the spans and name their parts with
 * capture groups; this module turns the parts into a value against one reference-date policy (README "Dates"):
 *
 * - the reference date anchors relative expressions ("this year", "last month", "Friday");
 * - a bare weekday is the nearest one in the direction of the sentence's tense (past: on or before the
 *   reference date; future: on or after it);
 * - a date without a year takes the reference year, unless that puts a past event after the reference date;
 *   a bare month is the nearest one in the direction of the clause's tense;
 * - "a year earlier", "the year-ago quarter", "the quarter" anchor on the focus: the last period (a year,
 *   half, quarter, season or month, not a day) the document mentioned, keeping its granularity;
 * - fuzzy edges ("mid-2024", "the end of 2025", "late November") keep the value of the unit they sit in and
 *   record the edge as `mod` (START, MID, END).
 *
 * Groups: year, yy (two-digit year), yrel (a relative word for the year), month, day, weekday, quarter, half,
 * season, decade, century, rel, unit, n, n_word, vague, hour, minute, ampm, part, edge. Builds: type, build
 * (calendar | relative | weekday | duration | offset | set | constant), value, unit, offset, anchor.
 */
import { mayMatch, type CompiledRule, type RuleSet } from '../rules/load.js';
import { memoByObject } from '../memo.js';
import { parseNumeral, parseNumberWords } from './numbers.js';

export type DateType = 'date' | 'time' | 'duration' | 'set';

/** One temporal expression; offsets are UTF-16 indices into the document text. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  value: string;
  type: DateType;
  /** True when the reference date (or the focus date) was needed for the value. */
  relative: boolean;
  mod: 'START' | 'MID' | 'END' | null;
  rule: CompiledRule;
  /** Set when the value was anchored on the focus date rather than on the reference date. */
  anchored: boolean;
}

/** The reference date: a full date, or only a year. */
export interface RefDate { year: number; month: number | null; day: number | null }

type Groups = Record<string, string | undefined>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A verb in the past tense right before the date ("opened in late November", "set on Aug. 6"). */
const PAST_JUST_BEFORE = /\b\p{L}{3,}ed(?:\s+(?:on|in|at|from|since|during|around|about|before|after|the|late|early|mid)){0,3}\s*$/iu;
/**
 * A deadline word right before the date ("by May", "until Tuesday"), "ahead of", or a plan ("planned for early
 * March", "scheduled for Monday") points to the future, whatever the tense of the verb.
 */
const LEADS_FORWARD = /\b(?:by|until|till|starting|beginning|ahead\s+of(?:\s+the)?|(?:planned|scheduled|slated|set)\s+(?:for|on))\s+$/iu;
/** "since March" looks back. */
const LEADS_BACK = /\bsince\s+(?:(?:shortly|just|soon)\s+after\s+)?(?:the\s+)?$/iu;
/** A lower-case word ending in -ed: a past verb or participle, unless a word list says otherwise. */
const ED_WORDS = /(?<![\p{L}\p{N}'’-])\p{Ll}{3,}ed(?![\p{L}\p{N}-])/gu;
/**
 * Right before a participle, "be"/"been"/"being" make it passive (the auxiliary before them carries the tense),
 * and a determiner makes it an adjective ("the reduced dividend").
 */
const PASSIVE_LEAD = /\b(?:be|been|being|the|a|an|its|their|his|her|our|this|that|these|those)(?:\s+\p{L}+ly)?\s+$/iu;

export type Tense = 'future' | 'past' | null;

/** The tense word lists as patterns: one match test, and a global one for the last match. */
interface TenseWords { futureAll: RegExp; pastAll: RegExp; notVerbs: Set<string> }

/** Positions of a pattern's matches in a text, skipping participles under a passive "be" when asked. */
function hits(re: RegExp, text: string, skip?: (word: string, at: number) => boolean): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!skip?.(m[0], m.index)) out.push(m.index);
  return out;
}

/**
 * Where a pattern's first match that is not skipped starts in a text, or -1. It stops there, and it never reads
 * past the end of an empty list of hits: that read, on the first clause with no hit, made V8 throw away and
 * compile again the optimised code of tenseAt.
 */
function firstHit(re: RegExp, text: string, skip?: (word: string, at: number) => boolean): number {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!skip?.(m[0], m.index)) return m.index;
  return -1;
}

/**
 * The tense of the clause around a span, from the words around it: future, past, or unknown.
 * In order: a deadline or "since" right before the date; the tense word nearest before it in its clause
 * ("said on Tuesday that talks will resume"); a verb in -ed before it in the clause; a tense word after it
 * in the clause; and for a date that opens a sentence ("In March, the company received"), the first
 * tense word or -ed verb in the rest of the sentence.
 */
function tenseAt(sentence: string, s: number, e: number, words: TenseWords): Tense {
  const before = sentence.slice(Math.max(0, s - 80), s);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('"'), before.lastIndexOf('“'));
  const rest = sentence.slice(e);
  const stop = rest.slice(0, 40).search(/[,;:"”]/u);
  const lead = before.slice(cut + 1);
  const tail = stop === -1 ? rest.slice(0, 40) : rest.slice(0, stop);
  if (LEADS_FORWARD.test(lead)) return 'future';
  if (LEADS_BACK.test(lead)) return 'past';
  const passive = (text: string) => (_w: string, at: number) => PASSIVE_LEAD.test(text.slice(0, at));
  const notVerb = (text: string) => (w: string, at: number) => words.notVerbs.has(w) || PASSIVE_LEAD.test(text.slice(0, at));
  // "next to" is a place, not a time.
  const prep = (text: string) => (_w: string, at: number) => /^next[\s\u00a0]+to\b/iu.test(text.slice(at));
  const f = hits(words.futureAll, lead, prep(lead)).pop() ?? -1;
  const just = PAST_JUST_BEFORE.exec(lead);
  const justPast = just !== null && !notVerb(lead)(/^\p{L}+/u.exec(just[0])![0].toLowerCase(), just.index);
  const p = Math.max(hits(words.pastAll, lead, passive(lead)).pop() ?? -1, justPast ? lead.length : -1);
  if (f >= 0 || p >= 0) return f > p ? 'future' : 'past';
  if (firstHit(ED_WORDS, lead, notVerb(lead)) >= 0) return 'past';
  const tf = firstHit(words.futureAll, tail, prep(tail)), tp = firstHit(words.pastAll, tail, passive(tail));
  if (tf >= 0 || tp >= 0) return tp < 0 || (tf >= 0 && tf < tp) ? 'future' : 'past';
  // A date at the head of its sentence ("In January, American Medical brought in ...") takes the main clause's tense.
  if (stop === -1 || !/^[\s\p{L}.'’-]{0,12}$/u.test(sentence.slice(0, s))) return null;
  const main = rest.slice(stop);
  const far = (at: number) => (at < 0 ? Infinity : at);
  const mf = far(firstHit(words.futureAll, main, prep(main)));
  const mp = Math.min(far(firstHit(words.pastAll, main, passive(main))), far(firstHit(ED_WORDS, main, notVerb(main))));
  return mf === Infinity && mp === Infinity ? null : mf < mp ? 'future' : 'past';
}

/**
 * A title-case expression that opens a quotation of title-case words is the name of a programme or a work
 * ("This Week With David Brinkley", "60 Minutes"), not a time.
 */
function isQuotedTitle(sentence: string, s: number, e: number): boolean {
  const words = sentence.slice(s, e).split(/[\s\u00a0]+/u);
  if (words.length < 2 || !words.every(w => /^[\p{Lu}\p{N}]/u.test(w))) return false;
  return /["“'‘`]$/u.test(sentence.slice(0, s)) && /^(?:[\s\u00a0]+(?:[\p{Lu}\p{N}][\p{L}\p{N}'’.-]*|of|the|and|with)){0,6}[,.!?]?["”'’]/u.test(sentence.slice(e));
}

/** "the first nine months", "the nine months", "the first six months": a period from the start of the year. */
function isYearToDate(text: string): boolean {
  return /^the[\s\u00a0]+(?:(?:first|latest)[\s\u00a0]+)?(?:nine|six|9|6)[\s\u00a0]+months$/iu.test(text);
}

/**
 * The tense word patterns of a rule set, made once: a resolver is made for every document, and two patterns of
 * hundreds of words made anew cost a compilation whenever V8 has dropped them from its cache.
 */
const tenseWordsOf = memoByObject((rules: RuleSet): TenseWords => {
  const words = (name: string, flags: string) => new RegExp(`(?<![\\p{L}'’])(?:${rules.lex(name).alternation()})(?![\\p{L}])`, flags);
  return { futureAll: words('future_words', 'giu'), pastAll: words('past_words', 'giu'), notVerbs: new Set(rules.lex('not_past_verbs').map.keys()) };
});

/** Candidate dates longest first, then in rule order, then in text order (a module constant: see src/order.ts). */
const longestFirst = (a: { s: number; e: number; order: number }, b: { s: number; e: number; order: number }): number => (b.e - b.s) - (a.e - a.s) || a.order - b.order || a.s - b.s;
const byS = (a: { s: number }, b: { s: number }): number => a.s - b.s;

/** Finds and resolves the dates of a document's sentences in order, keeping the focus date between them. */
export class DateResolver {
  private focus: DateMention | null = null;
  /** The last calendar date of any granularity, for "that year" and "the following month". */
  private lastDate: DateMention | null = null;
  private readonly tense: TenseWords;

  constructor(private readonly ref: RefDate | null, private readonly rules: RuleSet) {
    this.tense = tenseWordsOf(rules);
  }

  /** Every date of a sentence: all rules' matches, longest first, then rule order. */
  find(sentence: string, base: number): DateMention[] {
    const cands: { s: number; e: number; rule: CompiledRule; m: RegExpExecArray; order: number }[] = [];
    this.rules.rules.get('date')!.forEach((rule, order) => {
      if (!mayMatch(rule, sentence)) return;
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(sentence); m; m = rule.regex.exec(sentence)) {
        if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
        cands.push({ s: m.index, e: m.index + m[0].length, rule, m, order });
      }
    });
    cands.sort(longestFirst);
    const kept: typeof cands = [];
    for (const c of cands) if (!kept.some(k => k.s < c.e && c.s < k.e) && !isQuotedTitle(sentence, c.s, c.e) && !this.isWordNotMonth(c.m.groups?.month)) kept.push(c);
    kept.sort(byS);
    const out: DateMention[] = [];
    for (const c of kept) {
      const r = this.resolve(c.rule, c.m.groups ?? {}, tenseAt(sentence, c.s, c.e, this.tense));
      if (!r) continue;
      const d: DateMention = { start: base + c.s, end: base + c.e, text: c.m[0], ...r, rule: c.rule };
      out.push(d);
      // The focus is the period the text reports on: a year, half, quarter, season or month; a day is
      // usually when something was said, not what is compared.
      if (!d.anchored && d.type === 'date' && /^\d{4}(?:-(?:Q\d|H\d|\d{2}|SP|SU|FA|WI))?$/.test(d.value) && this.takesFocus(d.value)) this.focus = d;
      // "The first nine months" reports the year to date: what is compared with it "a year earlier" is a year.
      else if (d.type === 'duration' && isYearToDate(d.text)) {
        const year = this.ref ? String(this.ref.year) : this.focus?.value.slice(0, 4);
        if (year && /^\d{4}$/.test(year)) this.focus = { ...d, type: 'date', value: year };
      }
      if (!d.anchored && /^\d{4}/.test(d.value)) this.lastDate = d;
    }
    return out;
  }

  /** A month name that is also a word, written in lower case, is the word ("arrested at this march", "it may rain"). */
  private isWordNotMonth(month: string | undefined): boolean {
    return month !== undefined && /^\p{Ll}/u.test(month) && this.rules.lex('month_homographs').has(month);
  }

  /**
   * Whether a newly named period becomes the focus. A period that has ended by the reference date is what a
   * report is about: a period still running or to come (an outlook, "expects fourth-quarter results to ...",
   * or a target year) does not replace one that has ended, and an ended one replaces a running one. Between
   * two of the same kind, one of an earlier year is what the focus is compared with ("up from $1 million in
   * the 1988 period", "after a weak second quarter") and does not replace it. Nor does a month replace a quarter or half: in a report on a
   * quarter, "last month" is when something happened, not the period compared.
   */
  private takesFocus(value: string): boolean {
    const f = this.focus;
    if (!f) return true;
    if (/^\d{4}-\d{2}$/.test(value) && /-[QH]\d$/.test(f.value)) return false;
    const fEnded = this.endedByRef(f.value), cEnded = this.endedByRef(value);
    if (fEnded !== cEnded) return cEnded;
    // An earlier period of the same kind is a comparison too ("after a weak second quarter").
    const kind = (v: string) => v.slice(4).replace(/\d/g, '');
    if (kind(value) === kind(f.value)) return value >= f.value;
    return Number(value.slice(0, 4)) >= Number(f.value.slice(0, 4));
  }

  /** Whether a calendar period ended on or before the reference date (false when the reference lacks a month). */
  private endedByRef(value: string): boolean {
    const r = this.ref;
    if (!r?.month) return false;
    const y = Number(value.slice(0, 4));
    const part = value.slice(5);
    const lastMonth = !part ? 12 : part[0] === 'Q' ? Number(part[1]) * 3 : part[0] === 'H' ? Number(part[1]) * 6
      : /^\d{2}$/.test(part) ? Number(part) : ({ SP: 5, SU: 8, FA: 11, WI: 14 } as Record<string, number>)[part] ?? 12;
    return y * 12 + lastMonth < r.year * 12 + r.month;
  }

  private resolve(rule: CompiledRule, g: Groups, tense: Tense): Omit<DateMention, 'start' | 'end' | 'text' | 'rule'> | null {
    const b = rule.builds;
    const type = (typeof b.type === 'string' ? b.type : 'date') as DateType;
    const mod = g.edge ? (this.lexString('date_edges', g.edge) as DateMention['mod']) : null;
    const base = { type, mod, relative: false, anchored: false };
    switch (b.build ?? (typeof b.value === 'string' ? 'constant' : 'calendar')) {
      case 'constant':
        return typeof b.value === 'string' ? { ...base, value: b.value, relative: /_REF$/.test(b.value) } : null;
      case 'calendar': return this.calendar(g, base, tense);
      case 'relative': return this.relative(g, b, base);
      case 'weekday': return this.weekday(g, base, tense);
      case 'focus-year': return this.focusYear(g, base, tense);
      case 'set-named': return this.namedSet(g, base);
      case 'holiday': return this.holiday(g, base, tense);
      case 'duration': return this.duration(g, b, base);
      case 'offset': return this.offset(g, b, base);
      case 'set': {
        if (g.adverb) { const v = this.lexString('set_adverbs', g.adverb); return v ? { ...base, type: 'set', value: v } : null; }
        const unit = this.unit(g, b);
        return unit ? { ...base, type: 'set', value: typeof b.value === 'string' ? b.value : period(1, unit) } : null;
      }
      default: return null;
    }
  }

  /** Add a time of day ("3 p.m.", "Wednesday night", from the day_parts list) to a day value. */
  private withTime(day: string, g: Groups): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
    if (g.hour) {
      let h = Number(g.hour);
      const pm = g.ampm && /^p/i.test(g.ampm);
      if (pm && h < 12) h += 12;
      if (g.ampm && !pm && h === 12) h = 0;
      return `${day}T${pad(h)}:${pad(g.minute ? Number(g.minute) : 0)}`;
    }
    const part = g.part ?? g.part2 ?? g.part3;
    const code = part ? this.lexString('day_parts', part) : null;
    return code ? `${day}T${code}` : day;
  }

  private lexString(name: string, key: string): string | null {
    const v = this.rules.lex(name).get(key);
    return typeof v === 'string' ? v : null;
  }

  private lexNumber(name: string, key: string): number | null {
    const v = this.rules.lex(name).get(key);
    return typeof v === 'number' ? v : null;
  }

  private unit(g: Groups, b: CompiledRule['builds']): string | null {
    if (typeof b.unit === 'string') return b.unit;
    const u = g.unit ?? g.unit2;
    return u ? this.lexString('time_units', u) : null;
  }

  private count(g: Groups): number | 'X' | null {
    const n = g.n ? parseNumeral(g.n) : g.n_word ? parseNumberWords(g.n_word, this.rules.lex('number_words')) : null;
    if (n !== null) return g.plus_half ? n + 0.5 : n;
    if (g.vague) { const v = this.rules.lex('vague_counts').get(g.vague); return v === 'X' ? 'X' : typeof v === 'number' ? v : null; }
    return null;
  }

  /** The year a group set names, or null: "2024", "'98", "FY24", "this year", "next year". */
  private year(g: Groups): { year: number; relative: boolean } | null {
    if (g.year) return { year: Number(g.year), relative: false };
    if (g.ycent || g.ymill) {
      // Words: "nineteen ninety-six" is 19 * 100 + 96; "the year two thousand and five" is 2000 + 5.
      const words = (s: string | undefined) => (s ?? '').split(/[\s\u00a0-]+/u).filter(w => w && w !== 'oh' && w !== 'and')
        .reduce((n, w) => n + (this.lexNumber('number_words', w) ?? NaN), 0);
      const y = g.ymill ? 2000 + words(g.yrest2) : g.yrest === 'hundred' ? words(g.ycent) * 100 : words(g.ycent) * 100 + words(g.yrest);
      return Number.isFinite(y) ? { year: y, relative: false } : null;
    }
    if (g.yy) {
      const y = Number(g.yy);
      const century = this.ref ? Math.floor(this.ref.year / 100) * 100 : 2000;
      // A two-digit year is the one nearest the reference year.
      const cands = [century - 100 + y, century + y, century + 100 + y];
      const near = this.ref ? cands.reduce((a, c) => Math.abs(c - this.ref!.year) < Math.abs(a - this.ref!.year) ? c : a) : century + y;
      return { year: near, relative: false };
    }
    if (g.yrel !== undefined && this.ref) {
      const off = this.lexNumber('relative_words', g.yrel);
      return off === null ? null : { year: this.ref.year + off, relative: true };
    }
    return null;
  }

  private calendar(g: Groups, base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>, tense: Tense) {
    if (g.century) {
      const n = parseOrdinal(g.century, this.rules);
      return n ? { ...base, value: String(n - 1) } : null;
    }
    const decade = g.decade ?? (g.decade_word ? String(this.lexNumber('decade_words', g.decade_word) ?? '') : undefined);
    if (decade) {
      let y = Number(decade);
      // "the '80s" is the latest such decade that has begun by the reference year.
      if (decade.length === 2) y += 2000 + y <= (this.ref?.year ?? 2030) ? 2000 : 1900;
      return { ...base, value: String(Math.floor(y / 10)) };
    }
    let yr = this.year(g);
    let relative = yr?.relative ?? false;
    const month = g.mm ? Number(g.mm) : g.month ? this.lexNumber('months', g.month.replace(/\.$/, '')) : null;
    const day = g.day ? Number(g.day) : null;
    if (!yr) {
      if (!this.ref) return { ...base, value: month ? `XXXX-${pad(month)}${day ? `-${pad(day)}` : ''}` : 'XXXX', relative: true };
      yr = { year: month ? this.yearOfMonth(month, day, g.rel, tense) : this.yearOfPart(g, tense), relative: true };
      relative = true;
    }
    const y = yr.year;
    if (g.quarter) {
      const q = parseOrdinal(g.quarter, this.rules);
      return q && q <= 4 ? { ...base, value: `${y}-Q${q}`, relative } : null;
    }
    if (g.half) {
      const h = parseOrdinal(g.half, this.rules);
      return h && h <= 2 ? { ...base, value: `${y}-H${h}`, relative } : null;
    }
    if (g.season) {
      const s = this.lexString('seasons', g.season);
      return s ? { ...base, value: `${y}-${s}`, relative } : null;
    }
    if (month) {
      if (day === null) return { ...base, value: `${y}-${pad(month)}`, relative };
      const dt = new Date(Date.UTC(y, month - 1, day));
      if (dt.getUTCMonth() !== month - 1) return null;
      return { ...base, value: this.withTime(`${y}-${pad(month)}-${pad(day)}`, g), relative, type: timeType(g, base.type) };
    }
    return { ...base, value: pad(y, 4), relative };
  }

  /**
   * The year of a month (and day) written without one. A day takes the reference year unless that puts a
   * past event after the reference date; a bare month is the nearest one in the direction of the clause's
   * tense (this month counts); "last" and "next" pick the one before or after the reference date.
   */
  private yearOfMonth(month: number, day: number | null, rel: string | undefined, tense: Tense): number {
    const r = this.ref!;
    if (!r.month) return r.year;
    const refT = Date.UTC(r.year, r.month - 1, r.day ?? 15);
    const dist = (y: number) => (Date.UTC(y, month - 1, day ?? 15) - refT) / 86400000;
    const off = rel !== undefined ? this.lexNumber('relative_words', rel) : null;
    const years = [r.year - 1, r.year, r.year + 1];
    if (off === 0) return r.year;
    if (off === -1) return years.filter(y => dist(y) < 0).pop()!;
    if (off === 1) return years.find(y => dist(y) > 0)!;
    // Past: the latest occurrence not after the reference date, give or take the few weeks a report runs
    // ahead ("was extended to Nov. 16"; a month counts while it lasts); future: the first not before it;
    // unknown tense: the nearest.
    const slack = day === null ? 31 : 60;
    const pool = tense === 'past' ? years.filter(y => dist(y) <= slack) : tense === 'future' ? years.filter(y => dist(y) >= -slack) : years;
    return pool.reduce((a, y) => Math.abs(dist(y)) < Math.abs(dist(a)) ? y : a);
  }

  /**
   * The year of a quarter, half or season written without one: the reference year, unless the clause is past
   * and that part of the year has not begun by the reference date ("profits fell in the fourth quarter" in
   * January is last year's), or future and it ended more than three months before.
   */
  private yearOfPart(g: Groups, tense: Tense): number {
    const r = this.ref!;
    const n = g.quarter ? parseOrdinal(g.quarter, this.rules) : g.half ? parseOrdinal(g.half, this.rules) : null;
    const season = g.season ? this.lexString('seasons', g.season) : null;
    const span = g.quarter && n ? [n * 3 - 2, n * 3] : g.half && n ? [n * 6 - 5, n * 6] : season && season !== 'WI' ? { SP: [3, 5], SU: [6, 8], FA: [9, 11] }[season] : null;
    if (!span || !r.month || tense === null) return r.year;
    if (tense === 'past' && span[0]! > r.month) return r.year - 1;
    // Results are reported after a quarter ends: a future clause moves on only past a quarter or half that
    // ended months ago; a season moves on once it has ended.
    if (tense === 'future' && span[1]! < r.month - (season ? 0 : 3)) return r.year + 1;
    return r.year;
  }

  /** "last year", "this quarter", "next month", "yesterday", "this week"; anchored on the focus when asked. */
  private relative(g: Groups, b: CompiledRule['builds'], base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>) {
    const unit = this.unit(g, b);
    const rel = g.rel ?? g.rel2;
    const off = typeof b.offset === 'number' ? b.offset : rel !== undefined ? this.lexNumber('relative_words', rel) : 0;
    if (!unit || off === null) return null;
    if (b.anchor === 'mentioned') {
      // The year or month of the last date mentioned, moved by the offset ("the following year").
      const f = this.lastDate;
      const y = f ? Number(f.value.slice(0, 4)) : null;
      if (y !== null && unit === 'Y') return { ...base, value: pad(y + off, 4), relative: true, anchored: true };
      const m = f ? /^(\d{4})-(\d{2})/.exec(f.value) : null;
      if (m && unit === 'M') {
        const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + off, 1));
        return { ...base, value: `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}`, relative: true, anchored: true };
      }
      // A day ("that day", "the following morning") counts from the last day named; with none, from the reference date.
      const d = f ? /^(\d{4})-(\d{2})-(\d{2})/.exec(f.value) : null;
      if (d && unit === 'D') {
        const t = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + off));
        const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
        return { ...base, value: this.withTime(day, g), type: timeType(g, base.type), relative: true, anchored: true };
      }
    }
    if (b.anchor === 'focus') {
      const f = this.focus;
      const yearShift = unit === 'Y' ? off : 0;
      if (f && /^\d{4}/.test(f.value) && (unit === 'Y' || unit === 'P' || granularityOf(f.value) === unit)) {
        return { ...base, value: yearShift ? shiftYears(f.value, yearShift) : f.value.replace(/T.*$/, ''), relative: true, anchored: true };
      }
      if (unit === 'Q' && this.ref?.month) {
        // With no quarter mentioned, "the quarter" is the last one completed before the reference date.
        const q = Math.floor((this.ref.month - 1) / 3); // 0..3; 0 means the last quarter of the year before
        return { ...base, value: q === 0 ? `${this.ref.year - 1}-Q4` : `${this.ref.year}-Q${q}`, relative: true, anchored: true };
      }
      if (!this.ref || unit === 'P') return null;
    }
    const r = this.ref;
    if (!r) return { ...base, value: unknownOf(unit), relative: true };
    const value = shiftRef(r, unit, off);
    return value ? { ...base, value: this.withTime(value, g), type: timeType(g, base.type), relative: true } : { ...base, value: unknownOf(unit), relative: true };
  }

  /**
   * "The 1988 second quarter" is a calendar quarter; "the 1988 quarter" and "the 1988 period" are the focus's
   * quarter or period moved into the stated year (a year when the focus is a year or there is none).
   */
  private focusYear(g: Groups, base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>, tense: Tense) {
    if (g.quarter) return this.calendar(g, base, tense);
    const y = g.fyear ? pad(Number(g.fyear), 4) : null;
    if (!y) return null;
    const f = this.focus?.value ?? '';
    const sub = /^\d{4}(-.+)$/.exec(f)?.[1] ?? '';
    if (g.unit === 'quarter') return { ...base, value: /^-Q\d$/.test(sub) ? y + sub : `${y}-QX`, anchored: sub !== '' };
    return { ...base, value: y + sub, anchored: sub !== '' };
  }

  /** "Every Monday" is XXXX-WXX-1, "each July" XXXX-07, "Tuesday nights" XXXX-WXX-2TNI. */
  private namedSet(g: Groups, base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>) {
    const day = g.weekday ?? g.weekday2 ?? g.weekday3;
    if (day) {
      const wd = this.lexNumber('weekdays', day);
      const part = g.part ? this.lexString('day_parts', g.part.replace(/s$/, '')) : null;
      return wd ? { ...base, type: 'set' as const, value: `XXXX-WXX-${wd}${part ? `T${part}` : ''}` } : null;
    }
    const month = g.month ? this.lexNumber('months', g.month) : null;
    return month ? { ...base, type: 'set' as const, value: `XXXX-${pad(month)}` } : null;
  }

  /** A named day from the holidays list, in the stated year or placed like a year-less date. */
  private holiday(g: Groups, base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>, tense: Tense) {
    const spec = g.holiday ? this.lexString('holidays', g.holiday) : null;
    if (!spec) return null;
    const stated = this.year(g);
    const place = (y: number) => holidayIn(spec, y);
    let year = stated?.year;
    if (year === undefined) {
      if (!this.ref) return { ...base, value: 'XXXX-XX-XX', relative: true };
      const guess = place(this.ref.year);
      if (!guess) return null;
      year = this.yearOfMonth(guess[0], guess[1], g.rel, tense);
    }
    const d = place(year);
    return d ? { ...base, value: `${pad(year, 4)}-${pad(d[0])}-${pad(d[1])}`, relative: stated?.relative ?? true } : null;
  }

  private weekday(g: Groups, base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>, tense: Tense) {
    const wd = g.weekday ? this.lexNumber('weekdays', g.weekday) : null;
    if (!wd) return null;
    // "The previous Friday" counts from the last day the text named, when it named one.
    const named = g.rel_m !== undefined ? /^(\d{4})-(\d{2})-(\d{2})/.exec(this.lastDate?.value ?? '') : null;
    const r = named ? { year: Number(named[1]), month: Number(named[2]), day: Number(named[3]) } : this.ref;
    if (!r || !r.month || !r.day) return { ...base, value: 'XXXX-XX-XX', relative: true, type: timeType(g, base.type) };
    const refDt = new Date(Date.UTC(r.year, r.month - 1, r.day));
    const refWd = ((refDt.getUTCDay() + 6) % 7) + 1;
    const relWord = g.rel ?? g.rel_m;
    const rel = relWord !== undefined ? this.lexNumber('relative_words', relWord) : null;
    let delta: number;
    if (rel === -1) delta = -(((refWd - wd + 7) % 7) || 7);
    else if (rel === 1) delta = ((wd - refWd + 7) % 7) || 7;
    else if (rel === 0) delta = wd - refWd;
    else {
      delta = tense === 'future' ? (wd - refWd + 7) % 7 : -((refWd - wd + 7) % 7);
      // With no tense to go by, the day after the reference date is that day, not six days before it
      // ("talks resume Friday" in Thursday's paper).
      if (delta === -6 && tense === null) delta = 1;
    }
    const dt = new Date(refDt.getTime() + delta * 86400000);
    const value = `${dt.getUTCFullYear()}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
    return { ...base, value: this.withTime(value, g), type: timeType(g, base.type), relative: true };
  }

  private duration(g: Groups, b: CompiledRule['builds'], base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>) {
    const unit = this.unit(g, b);
    const n = typeof b.value === 'number' || b.value === 'X' ? b.value : this.count(g);
    if (!unit || n === null) return null;
    return { ...base, type: 'duration' as const, value: period(n, unit) };
  }

  /** "three years ago", "a year earlier", "two months later": n units from the reference date or the focus. */
  private offset(g: Groups, b: CompiledRule['builds'], base: Omit<DateMention, 'value' | 'start' | 'end' | 'text' | 'rule'>) {
    let unit = this.unit(g, b);
    let n = this.count(g);
    // "A decade ago" is the year ten years back, not the decade before this one.
    if ((unit === 'E' || unit === 'C') && typeof n === 'number') { n *= unit === 'E' ? 10 : 100; unit = 'Y'; }
    const sign = typeof b.offset === 'number' ? b.offset : -1;
    if (!unit || n === null) return null;
    if (n === 'X') return { ...base, value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', relative: true };
    const f = this.focus;
    if (b.anchor === 'focus' && unit === 'Y' && f && /^\d{4}/.test(f.value)) {
      return { ...base, value: shiftYears(f.value.replace(/T.*$/, ''), sign * n), relative: true, anchored: true };
    }
    if (!this.ref) return { ...base, value: unknownOf(unit), relative: true };
    const value = shiftRef(this.ref, unit, sign * n);
    return { ...base, value: value ?? unknownOf(unit), relative: true, anchored: b.anchor === 'focus' };
  }
}

/** Month and day of a holiday spec (see rules/lexicon/holidays.yaml) in a year, or null when the spec is malformed. */
export function holidayIn(spec: string, year: number): [number, number] | null {
  const at = (t: number): [number, number] => { const d = new Date(t); return [d.getUTCMonth() + 1, d.getUTCDate()]; };
  const easter = /^easter([+-]\d+)?$/.exec(spec);
  if (easter) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
    const f = Math.floor((b + 8) / 25), gg = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - gg + 15) % 30;
    const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
    return at(Date.UTC(year, month - 1, day) + Number(easter[1] ?? 0) * 86400000);
  }
  const fixed = /^(\d\d)-(\d\d)$/.exec(spec);
  if (fixed) return [Number(fixed[1]), Number(fixed[2])];
  const nth = /^(\d\d)-(MO|TU|WE|TH|FR|SA|SU)-([1-5L])([+-]\d+)?$/.exec(spec);
  if (!nth) return null;
  const month = Number(nth[1]) - 1, wd = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'].indexOf(nth[2]!);
  let t: number;
  if (nth[3] === 'L') {
    const last = new Date(Date.UTC(year, month + 1, 0));
    t = last.getTime() - ((last.getUTCDay() - wd + 7) % 7) * 86400000;
  } else {
    const first = new Date(Date.UTC(year, month, 1));
    t = first.getTime() + (((wd - first.getUTCDay() + 7) % 7) + (Number(nth[3]) - 1) * 7) * 86400000;
  }
  return at(t + Number(nth[4] ?? 0) * 86400000);
}

function timeType(g: Groups, t: DateType): DateType {
  return g.hour || g.part || g.part2 || g.part3 ? 'time' : t;
}


function parseOrdinal(s: string, rules: RuleSet): number | null {
  const v = rules.lex('ordinals').get(s.toLowerCase().replace(/[\s\u00a0-]+/gu, ' '));
  if (typeof v === 'number') return v;
  const n = Number(s.replace(/\D/g, ''));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** A TIMEX3 duration: P5Y, P3M, P2W, PT3H, PXY; decades and centuries count in years. */
function period(n: number | 'X', unit: string): string {
  if (n !== 'X' && !Number.isInteger(n)) {
    // A fraction moves into the next smaller unit when it comes out whole there ("2 1/2 years" is P2Y6M).
    const whole = Math.floor(n), part = n - whole;
    const next = ({ Y: [12, 'M'], M: [30, 'D'], W: [7, 'D'], D: [24, 'H'], TH: [60, 'M'] } as Record<string, [number, string]>)[unit];
    if (next && Number.isInteger(part * next[0])) {
      const rest = `${part * next[0]}${next[1]}`;
      if (unit === 'TH') return `PT${whole ? `${whole}H` : ''}${rest}`;
      if (unit === 'D') return `P${whole ? `${whole}D` : ''}T${rest}`;
      return `P${whole ? `${whole}${unit}` : ''}${rest}`;
    }
  }
  if (unit === 'TH' || unit === 'TM') return `PT${n}${unit[1]}`;
  if (unit === 'E') return n === 'X' ? 'PXE' : `P${n * 10}Y`;
  if (unit === 'C') return n === 'X' ? 'PXC' : `P${n * 100}Y`;
  if (unit === 'H') return n === 'X' ? 'PXM' : `P${n * 6}M`;
  if (unit === 'WE') return n === 'X' ? 'PXD' : `P${n * 2}D`;
  return `P${n}${unit}`;
}

function granularityOf(v: string): string {
  if (/^\d{4}-Q/.test(v)) return 'Q';
  if (/^\d{4}-H/.test(v)) return 'H';
  if (/^\d{4}-W/.test(v)) return 'W';
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return 'D';
  if (/^\d{4}-\d{2}$/.test(v)) return 'M';
  if (/^\d{4}$/.test(v)) return 'Y';
  return '?';
}

function shiftYears(v: string, n: number): string {
  return v.replace(/^\d{4}/, y => pad(Number(y) + n, 4));
}

function unknownOf(unit: string): string {
  switch (unit) {
    case 'Y': return 'XXXX';
    case 'Q': return 'XXXX-QX';
    case 'H': return 'XXXX-HX';
    case 'M': return 'XXXX-XX';
    case 'W': case 'WE': return 'XXXX-WXX';
    default: return 'XXXX-XX-XX';
  }
}

/** The reference date moved by `off` units, at that unit's granularity; null when the reference lacks the detail. */
function shiftRef(r: RefDate, unit: string, off: number): string | null {
  switch (unit) {
    case 'Y': return pad(r.year + off, 4);
    case 'E': return String(Math.floor(r.year / 10) + off);
    case 'C': return String(Math.floor(r.year / 100) + off);
  }
  if (!r.month) return null;
  if (unit === 'Q' || unit === 'H') {
    const size = unit === 'Q' ? 3 : 6, per = 12 / size;
    const idx = r.year * per + Math.floor((r.month - 1) / size) + off;
    return `${Math.floor(idx / per)}-${unit}${(idx % per) + 1}`;
  }
  if (unit === 'M') {
    const idx = r.year * 12 + (r.month - 1) + off;
    return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
  }
  if (!r.day) return null;
  const dt = new Date(Date.UTC(r.year, r.month - 1, r.day));
  if (unit === 'D' || unit === 'TH' || unit === 'TM') {
    const d = new Date(dt.getTime() + (unit === 'D' ? off : 0) * 86400000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (unit === 'W' || unit === 'WE') {
    let d = new Date(dt.getTime() + off * 7 * 86400000);
    // "The weekend" from a weekday is the one just past: its Saturday is the last one on or before the date.
    if (unit === 'WE') d = new Date(d.getTime() - ((d.getUTCDay() + 1) % 7) * 86400000);
    const { year, week } = isoWeek(d);
    return `${year}-W${pad(week)}${unit === 'WE' ? '-WE' : ''}`;
  }
  return null;
}

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const wd = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - wd + 3);
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return { year: t.getUTCFullYear(), week };
}

/** A calendar value a target or figure can use as its period: year, half, quarter, month or day. */
export function isPeriodValue(v: string): boolean {
  return /^\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?$/.test(v);
}

/** Parse the reference date value of a document (YYYY or YYYY-MM-DD) into parts. */
export function refDateOf(value: string | null): RefDate | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}
