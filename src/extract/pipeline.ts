/**
 * The pipeline, as one declared list of stages, each run over a batch of documents before the next:
 * parse (and reference date) → quantities of every sentence → dates of every sentence → context, sentence by
 * sentence: baselines, periods, cues, then each quantity's fields, "respectively" → speakers → entities → validate.
 * Baselines run before periods (a baseline's year is not a period); quantities before context (context rules
 * see quantities as sentinels); "respectively" refines metrics after context.
 */
import { createHash } from 'node:crypto';
import { type CompiledRule, type RuleSet } from '../rules/load.js';
import { groupSpan } from '../rules/spans.js';
import { DateRow, DocumentRow, EntityRow, FigureRow, SpeakerRow, StatementRow, TABLE_NAMES, TargetRow, type DocumentResult } from '../schema/records.js';
import { EntityFinder, type KnownPerson } from './entities.js';
import { AttributionFinder, type Attribution } from './attribution.js';
import { parseDocument, type ParsedDocument } from '../document/parse.js';
import { CodePoints, cpLength } from '../document/offsets.js';
import { normaliseIsoDate, resolveReferenceDate } from '../document/reference-date.js';
import { closestPeriod, findBaselines, findCues, firstMatch, mask, nearest, periodsOf, tidyPhrase, type PeriodMention } from './context.js';
import { DateResolver, refDateOf, type DateMention } from './dates.js';
import { findQuantities, type Quantity } from './quantities.js';
import { respectivelyMetrics } from './respectively.js';
import { memo, memoByObject } from '../memo.js';
import { byStart } from '../order.js';

/** A problem found while extracting one document. */
export interface Message {
  severity: 'error' | 'warning';
  doc_id: string;
  rule: string | null;
  reason: string;
}

export interface ExtractOptions {
  docId: string;
  path: string;
  markdown: boolean;
  referenceDate: string | null;
  sha256?: string;
  /** When given, milliseconds spent per stage are added to it (parse, quantities, dates, context). */
  timings?: Record<string, number>;
}

export interface Extraction {
  result: DocumentResult;
  /** Ids of the rules that contributed to a record, or dropped a candidate (exclusions). */
  fired: Set<string>;
  messages: Message[];
  parsed: ParsedDocument;
}

/** The finders of a rule set, built once: they compile their patterns from the rules. */
const finders = memoByObject((rules: RuleSet) => ({ attribution: new AttributionFinder(rules), entities: new EntityFinder(rules) }));

/** What a list's lead-in sentence ("The plan includes:") passes on to the list's items. */
interface LeadIn { periods: PeriodMention[]; kind: 'target' | 'figure' | null; cue: string | null; subject: string | null }

/** Distance in characters within which a period belongs to a target before any deadline of the sentence. */
const NEXT_TO = 12;
/** Distance in characters within which a period counts as stated next to its quantity. */
const ADJACENT = 40;

/** Milliseconds per stage, added to `timings` when given (the benchmark's stage shares). */
type Lap = (stage: string) => void;
function stageClock(timings: Record<string, number> | undefined): Lap {
  if (!timings) return () => {};
  let clock = performance.now();
  return stage => {
    const t = performance.now();
    timings[stage] = (timings[stage] ?? 0) + t - clock;
    clock = t;
  };
}

/**
 * Receives a batch's working objects, every stage's, when the batch is done. A caller that runs batch after
 * batch (a worker of `pressmill extract`, the benchmark) keeps them until the next batch is done, so that objects
 * of every shape the pipeline makes are alive at every moment. V8 forgets the shape (hidden class) of objects
 * none of which are alive at a full collection, and drops the optimised code that was compiled for it: a
 * collection between two batches, where a heap keeper collects, found every batch object dead, and the
 * functions that read them were compiled again and again. Measured on 4,000 releases: 51 such drops and 708
 * compilations without a hold, 11 and 616 with one; on 10,000, V8's helper threads worked 2 s less.
 */
export type Hold = (working: object) => void;

/** One document to extract: its decoded text (BOM already removed) and its options. */
export interface ExtractItem { text: string; opts: ExtractOptions }

/** Run the pipeline on one decoded text (BOM already removed): a batch of one. */
export function extractText(text: string, rules: RuleSet, opts: ExtractOptions): Extraction {
  return extractTexts([{ text, opts }], rules, opts.timings)[0]!;
}

/**
 * Run the pipeline on several documents, one stage at a time: every document is parsed, then every document's
 * sentences are read, then the speakers of each are found, and so on. A stage run over many documents in a row
 * keeps its code and its rules' compiled patterns in the processor's caches, where one document at a time went
 * through every stage and every rule before the next document, and found each cold again (see BATCH_DOCS in batching.ts).
 * No stage keeps anything from one document for the next (the finders start afresh on each document), so each
 * document's records are the same in any batch: a test checks it.
 * Each stage is a function of its own: V8 compiles a hot function as a whole and again whenever a rare path
 * first runs, and one function for the whole pipeline cost a thread a second of compiling over its first few
 * hundred documents.
 */
export function extractTexts(items: readonly ExtractItem[], rules: RuleSet, timings?: Record<string, number>, hold?: Hold): Extraction[] {
  const lap = stageClock(timings);
  // Loops, not callbacks made for each batch or document (why: src/order.ts).
  const docs: ReturnType<typeof startDocument>[] = [];
  for (const { text, opts } of items) docs.push(startDocument(text, rules, opts));
  lap('parse');
  const quantities: ReturnType<DocumentState['quantitiesIn']>[][] = [];
  for (const { state } of docs) { const q = []; for (const s of state.parsed.sentences) q.push(state.quantitiesIn(s)); quantities.push(q); }
  lap('quantities');
  const dates: ReturnType<DocumentState['datesIn']>[][] = [];
  for (const { state } of docs) { const d = []; for (const s of state.parsed.sentences) d.push(state.datesIn(s)); dates.push(d); }
  lap('dates');
  for (let i = 0; i < docs.length; i++) {
    const { state } = docs[i]!;
    const sentences = state.parsed.sentences;
    for (let k = 0; k < sentences.length; k++) state.readSentence(sentences[k]!, quantities[i]![k]!, dates[i]![k]!);
  }
  lap('context');
  const speakers: ReturnType<typeof speakerRecords>[] = [];
  for (const d of docs) speakers.push(speakerRecords(d.state));
  lap('speakers');
  const entities: ReturnType<typeof entityRecords>[] = [];
  for (let i = 0; i < docs.length; i++) entities.push(entityRecords(docs[i]!.state, speakers[i]!.found));
  lap('entities');
  const out: Extraction[] = [];
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    const { speakerRows, statementRows } = speakers[i]!;
    const result = validatedResult(d.state, d.document, speakerRows, statementRows, entities[i]!, d.messages);
    for (const t of TABLE_NAMES) for (const r of result[t]) d.state.fired.add(r.rule);
    out.push({ result, messages: d.messages, parsed: d.state.parsed, fired: d.state.fired });
  }
  lap('validate');
  hold?.({ docs, quantities, dates, speakers, entities, out });
  return out;
}

/** The parse stage of one document: its parsed text, reference date and documents row, and a state to read it into. */
function startDocument(text: string, rules: RuleSet, opts: ExtractOptions): { state: DocumentState; document: unknown; messages: Message[] } {
  const messages: Message[] = [];
  const parsed = parseDocument(text, {
    markdown: opts.markdown,
    abbreviations: rules.lex('abbreviations'),
    creditPattern: creditRegex(rules),
    headingMaxChars: headingMax(rules),
  });
  if (parsed.frontMatterError) messages.push({ severity: 'warning', doc_id: opts.docId, rule: null, reason: parsed.frontMatterError });
  const docId = typeof parsed.frontMatter.id === 'string' && parsed.frontMatter.id.trim() ? parsed.frontMatter.id.trim() : opts.docId;
  const ref = resolveReferenceDate(parsed, opts.referenceDate, rules.lex('months'));
  const cp = new CodePoints(text);
  const published = parsed.frontMatter.published;
  const document = {
    doc_id: docId,
    path: opts.path,
    title: parsed.title,
    published: published instanceof Date ? normaliseIsoDate(published) : typeof published === 'string' ? published : null,
    reference_date: ref.value,
    reference_date_source: ref.source,
    chars: cpLength(text),
    sha256: opts.sha256 ?? createHash('sha256').update(text).digest('hex'),
  };
  return { state: new DocumentState(text, parsed, rules, docId, cp, ref, new Set<string>()), document, messages };
}

type Sentence = ParsedDocument['sentences'][number];

/** What the sentences of a document build up, read in order: its records so far and what carries over. */
class DocumentState {
  readonly targets: TargetRow[] = [];
  readonly figures: FigureRow[] = [];
  readonly dateRows: DateRow[] = [];
  readonly resolver: DateResolver;
  readonly dollar: string;
  lastSubject: string | null = null;
  readonly namedSubjects: { at: number; name: string }[] = [];
  /** UTF-16 start of each target and figure, to link them to the statement they stand in. */
  readonly quantityAt = new Map<object, number>();
  /** A sentence that ends in a colon leads in a list: its items take its period, class and subject when they state none. */
  leadIn: LeadIn | null = null;

  constructor(
    readonly text: string,
    readonly parsed: ParsedDocument,
    readonly rules: RuleSet,
    readonly docId: string,
    readonly cp: CodePoints,
    readonly ref: ReturnType<typeof resolveReferenceDate>,
    readonly fired: Set<string>,
  ) {
    this.resolver = new DateResolver(refDateOf(ref.value), rules);
    this.dollar = dollarOf(parsed, rules);
  }

  /** The quantities of a sentence (the quantities stage); the exclusions that dropped a candidate count as fired. */
  quantitiesIn(s: Sentence): Quantity[] {
    const { quantities, dropped } = findQuantities(s.text, s.start, this.rules, this.parsed.blocks[s.block]!.kind, this.dollar);
    for (const d of dropped) this.fired.add(d.by.rule.id);
    return quantities;
  }

  /** The dates of a sentence (the dates stage), recorded as rows; sentences must come in order (relative dates). */
  datesIn(s: Sentence): DateMention[] {
    const { docId, cp } = this;
    const dates = this.resolver.find(s.text, s.start);
    for (const d of dates) {
      this.dateRows.push({ id: '', doc_id: docId, text: d.text, start: cp.at(d.start), end: cp.at(d.end), sentence: s.text, rule: d.rule.id, value: d.value, type: d.type, relative: d.relative, mod: d.mod });
    }
    return dates;
  }

  /** Read a sentence, given its quantities and dates, into targets and figures (the context stage), in order. */
  readSentence(s: Sentence, quantities: Quantity[], dates: DateMention[]): void {
    const { parsed, rules, fired, text, ref } = this;
    const block = parsed.blocks[s.block]!;
    if (!block.listItem) this.leadIn = null;
    const inherited = (block.listItem ? this.leadIn : null) as LeadIn | null;
    const baselines = findBaselines(s.text, s.start, rules);
    const ownPeriods = periodsOf(dates, s.text, s.start, baselines);
    const periods = ownPeriods.length ? ownPeriods : inherited?.periods ?? [];
    const subjectHit = firstMatch('subject', s.text, null, rules, (rule, m) => !isCommonWord(rule, m, s.text, text), block.kind);
    if (subjectHit) fired.add(subjectHit.rule.id);
    let sentenceSubject: string | null = null;
    if (subjectHit) {
      const named = subjectHit.m.groups?.subject;
      sentenceSubject = named ? tidyPhrase(named.replace(/['’]s$/u, ''), rules) : subjectHit.rule.builds.subject === '@previous' ? this.lastSubject : null;
    }
    if (subjectHit?.m.groups?.subject && sentenceSubject) { this.lastSubject = sentenceSubject; this.namedSubjects.push({ at: s.start, name: sentenceSubject }); }
    const ownSubject = sentenceSubject !== null;
    sentenceSubject ??= inherited?.subject ?? null;
    if (quantities.length === 0 && !/:\s*$/u.test(s.text)) return;
    // A cue inside a quantity ("up to 85 percent") is the quantity's comparator, not a cue.
    const cues = findCues(s.text, s.start, rules).filter(c => !quantities.some(q => c.start < q.end && q.start < c.end));
    // A deadline that has not passed ("by 2030") is itself a target cue, placed where it stands.
    for (const p of ownPeriods) {
      if (p.type === 'by' && (ref.year === null || Number(p.value.slice(0, 4)) >= ref.year))
        cues.push({ start: p.leadStart, end: p.end, kind: 'target', text: s.text.slice(p.leadStart - s.start, p.end - s.start), rule: p.rule });
    }
    cues.sort(byStart);
    if (!block.listItem && /:\s*$/u.test(s.text)) {
      const last = cues[cues.length - 1];
      this.leadIn = { periods: ownPeriods, kind: last?.kind ?? null, cue: last?.text ?? null, subject: sentenceSubject };
    }
    if (quantities.length === 0) return;
    const listMetrics = respectivelyMetrics(s.text, s.start, quantities, rules);
    const sentence: SentenceContext = { s, quantities, periods, baselines, cues, inherited, listMetrics, sentenceSubject, ownSubject };
    let previousMetric: string | null = null;
    for (const q of quantities) previousMetric = this.quantityRecord(sentence, q, previousMetric);
  }

  /** One target or figure; returns its metric (the next quantity's "@previous"). */
  private quantityRecord(c: SentenceContext, q: Quantity, previousMetric: string | null): string | null {
    const { rules, fired, ref, cp, docId } = this;
    const { s, quantities, periods, baselines, cues, inherited, sentenceSubject, ownSubject } = c;
    const masked = mask(s.text, s.start, q, quantities);
    const closest = closestPeriod(periods, q);
    const baseline = nearest(baselines, q);
    const cue = nearest(cues, q);
    if (baseline) fired.add(baseline.rule.id);
    if (cue) fired.add(cue.rule.id);
    const kind = cue ? cue.kind : inherited?.kind ?? defaultKind(closest, ref.year);
    // A target points forward: its deadline, else a period not before the reference year, else the closest.
    const period = kind === 'target' ? targetPeriod(periods, q, ref.year, s.text, s.start) : closest;
    const dir = q.direction ?? (q.value_from !== null ? (q.value >= q.value_from ? 'increase' : 'decrease') : firstMatchDirection(masked, q, rules, fired));
    let metric = c.listMetrics.get(q) ?? null;
    if (!metric) {
      // A rule that builds "@previous" gives the metric of the quantity just before; with none, the next rule is tried.
      const hit = firstMatch('metric', masked, q, rules, rule => rule.builds.metric !== '@previous' || previousMetric !== null);
      if (hit) fired.add(hit.rule.id);
      const raw = hit?.m.groups?.metric;
      metric = hit?.rule.builds.metric === '@previous' ? previousMetric : raw ? tidyPhrase(raw, rules) : null;
    }
    const start = cp.at(q.start), end = cp.at(q.end);
    // A goal belongs to someone: a target whose sentence names nobody takes the last named subject.
    const subject = sentenceSubject ?? (kind === 'target' ? this.lastSubject : null);
    const row = {
      id: '',
      doc_id: docId,
      text: q.text,
      start,
      end,
      sentence: s.text,
      rule: q.rule.id,
      subject,
      metric,
      direction: dir,
      value: q.value,
      value_max: q.value_max,
      unit: q.unit,
      comparator: q.comparator,
      period: period?.value ?? null,
      baseline: baseline?.value ?? null,
      speaker_id: null,
      value_from: q.value_from,
      period_inherited: period ? isInherited(period, q) : false,
      subject_inherited: subject !== null && !ownSubject,
      cue: cue?.text ?? (inherited?.kind ? inherited.cue : null) ?? (period ? `(${period.type} ${period.value})` : null),
    };
    if (kind === 'target') { const t = { ...row, period_type: period?.type ?? null }; this.targets.push(t); this.quantityAt.set(t, q.start); }
    else { this.figures.push(row); this.quantityAt.set(row, q.start); }
    return metric;
  }
}

/** What the quantities of one sentence share. */
interface SentenceContext {
  s: ParsedDocument['sentences'][number];
  quantities: Quantity[];
  periods: PeriodMention[];
  baselines: ReturnType<typeof findBaselines>;
  cues: ReturnType<typeof findCues>;
  inherited: LeadIn | null;
  listMetrics: Map<Quantity, string>;
  sentenceSubject: string | null;
  ownSubject: boolean;
}

/** Speakers and statements; a target or figure inside a statement carries its speaker. */
function speakerRecords(doc: DocumentState): { speakerRows: SpeakerRow[]; statementRows: StatementRow[]; found: Attribution } {
  const { parsed, text, cp, docId, rules, namedSubjects } = doc;
  const orgAt = (pos: number) => [...namedSubjects].reverse().find(x => x.at <= pos)?.name ?? namedSubjects[0]?.name ?? null;
  const found = finders(rules).attribution.find(parsed, orgAt);
  const speakerRows: SpeakerRow[] = found.speakers.map((sp, i) => ({
    id: `${docId}#speaker-${i + 1}`, doc_id: docId, text: text.slice(sp.start, sp.end), start: cp.at(sp.start), end: cp.at(sp.end),
    sentence: sentenceAt(parsed, sp.start) ?? text.slice(sp.start, sp.end), rule: found.statements.find(st => st.speaker === i)?.rule.id ?? 'attribution',
    name: sp.name, title: sp.title, organization: sp.organization, mentions: countMentions(text, sp.names),
  }));
  const statementRows: StatementRow[] = found.statements.map((st, i) => ({
    id: `${docId}#statement-${i + 1}`, doc_id: docId, text: text.slice(st.start, st.end), start: cp.at(st.start), end: cp.at(st.end),
    sentence: sentenceAt(parsed, st.cueStart) ?? sentenceAt(parsed, st.start) ?? text.slice(st.start, st.end), rule: st.rule.id,
    speaker_id: speakerRows[st.speaker]?.id ?? null, kind: st.kind, cue: st.cue,
  }));
  for (const r of [...doc.targets, ...doc.figures]) {
    const at = doc.quantityAt.get(r);
    const st = at === undefined ? undefined : found.statements.find(x => x.start <= at && at < x.end);
    if (st) r.speaker_id = speakerRows[st.speaker]?.id ?? null;
  }
  return { speakerRows, statementRows, found };
}

/** Entities, told which names the speakers' finder took for people. */
function entityRecords(doc: DocumentState, found: Attribution): EntityRow[] {
  const { parsed, text, cp, docId, rules } = doc;
  // Built by pushing, so the array and its forms have one element kind for every document (spreads of empty
  // and full arrays made several, and each new one made V8 compile the entity finder again).
  const known: KnownPerson[] = [];
  for (const sp of found.speakers) known.push({ name: sp.name, forms: Array.from(sp.names) });
  for (const c of parsed.credits) if (c.name) known.push({ name: c.name, forms: [] });
  for (const n of found.persons) known.push({ name: n, forms: [] });
  return finders(rules).entities.find(parsed, known).map((e, i) => ({
    id: `${docId}#entity-${i + 1}`, doc_id: docId, text: text.slice(e.start, e.end), start: cp.at(e.start), end: cp.at(e.end),
    sentence: sentenceAt(parsed, e.start) ?? text.slice(e.start, e.end), rule: e.rule, name: e.name, type: e.type, mentions: e.mentions, aliases: e.aliases,
  }));
}

function sentenceAt(parsed: ParsedDocument, pos: number): string | null {
  return parsed.sentences.find(x => x.start <= pos && pos < x.end)?.text ?? null;
}

/** Every record checked against its schema; one that fails is reported and left out. */
function validatedResult(doc: DocumentState, document: unknown, speakerRows: SpeakerRow[], statementRows: StatementRow[], entityRows: EntityRow[], messages: Message[]): DocumentResult {
  const { docId } = doc;
  const result: DocumentResult = { document: validated(DocumentRow, document, docId, 'documents', messages)!, targets: [], figures: [], speakers: [], statements: [], dates: [], entities: [] };
  for (let i = 0; i < doc.targets.length; i++) { const r = doc.targets[i]!; r.id = `${docId}#target-${i + 1}`; const v = validated(TargetRow, r, docId, r.rule, messages); if (v) result.targets.push(v); }
  for (let i = 0; i < doc.figures.length; i++) { const r = doc.figures[i]!; r.id = `${docId}#figure-${i + 1}`; const v = validated(FigureRow, r, docId, r.rule, messages); if (v) result.figures.push(v); }
  for (const r of speakerRows) { const v = validated(SpeakerRow, r, docId, r.rule, messages); if (v) result.speakers.push(v); }
  for (const r of entityRows) { const v = validated(EntityRow, r, docId, r.rule, messages); if (v) result.entities.push(v); }
  for (const r of statementRows) { const v = validated(StatementRow, r, docId, r.rule, messages); if (v) result.statements.push(v); }
  for (let i = 0; i < doc.dateRows.length; i++) { const r = doc.dateRows[i]!; r.id = `${docId}#date-${i + 1}`; const v = validated(DateRow, r, docId, r.rule, messages); if (v) result.dates.push(v); }
  return result;
}

/**
 * A one-word subject that opens its sentence ("Steel will be part of ...", "Cruise passenger arrivals") is a
 * common word in sentence case, not a name, when the document also writes it in lower case.
 */
function isCommonWord(rule: CompiledRule, m: RegExpExecArray, sentence: string, doc: string): boolean {
  const name = m.groups?.subject;
  if (!name || /\s/u.test(name.trim())) return false;
  const at = groupSpan(rule, m, 'subject')?.[0] ?? m.index;
  if (/[\p{L}\p{N}]/u.test(sentence.slice(0, at))) return false;
  const lower = name.toLowerCase();
  if (lower === name) return false;
  // The pattern made for the word is only run when the word is there.
  if (!doc.includes(lower)) return false;
  return wordAsWritten(lower).test(doc);
}

/**
 * A word standing alone as written, not inside a web or mail address ("quantix.com", "press@epa.gov"); kept by
 * word, since a pattern made anew costs a compilation and a first run in V8's slower regex interpreter.
 */
const wordAsWritten = memo(lower => new RegExp(`(?<![\\p{L}\\p{N}@./-])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}@/-]|\\.\\p{L})`, 'u'), 2_000);

/** The currency of "$" in this document: the dateline's place decides ("CANBERRA, ..." is AUD), else USD. */
function dollarOf(parsed: ParsedDocument, rules: RuleSet): string {
  const body = parsed.blocks.find(b => b.kind === 'paragraph');
  if (!body) return 'USD';
  const m = /^[\s*_]*([\p{Lu}][\p{L} .'’-]{1,40}?)[*_]*\s*[,(—–-]/u.exec(parsed.text.slice(body.start, Math.min(body.end, body.start + 80)));
  if (!m) return 'USD';
  const places = rules.lex('dollar_places');
  const words = m[1]!.trim().split(/\s*,\s*|\s+/u);
  for (let n = words.length; n >= 1; n--) {
    const v = places.get(words.slice(0, n).join(' '));
    if (typeof v === 'string') return v;
  }
  return 'USD';
}

/** How often a speaker is named: each full-name mention, and each shorter form not inside a longer one. */
function countMentions(text: string, names: Set<string>): number {
  const sorted = [...names].sort((a, b) => b.length - a.length);
  const taken: [number, number][] = [];
  for (const n of sorted) {
    if (!n) continue;
    // Whole-word occurrences, left to right without overlap, as a global regex with word-edge guards finds them.
    let i = text.indexOf(n);
    while (i !== -1) {
      const e = i + n.length;
      if (isWordChar(text, i, -1) || isWordChar(text, e, 1)) { i = text.indexOf(n, i + 1); continue; }
      if (!taken.some(([a, b]) => i < b && a < e)) taken.push([i, e]);
      i = text.indexOf(n, e);
    }
  }
  return Math.max(1, taken.length);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Whether the code point before (dir -1) or at (dir 1) a UTF-16 position is a letter or digit. */
function isWordChar(text: string, at: number, dir: -1 | 1): boolean {
  if (dir === 1) return at < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
  if (at <= 0) return false;
  const lo = text.charCodeAt(at - 1);
  const cp = lo >= 0xdc00 && lo <= 0xdfff && at >= 2 ? text.codePointAt(at - 2)! : lo;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function firstMatchDirection(masked: string, q: Quantity, rules: RuleSet, fired: Set<string>): 'increase' | 'decrease' | 'level' {
  const hit = firstMatch('direction', masked, q, rules);
  if (hit) fired.add(hit.rule.id);
  const d = hit?.rule.builds.direction;
  return d === 'increase' || d === 'decrease' ? d : 'level';
}

function targetPeriod(periods: PeriodMention[], q: Quantity, refYear: number | null, sentence: string, base: number): PeriodMention | null {
  // A period right after the quantity, in its clause, is its own ("1.5 gigawatts opens in July").
  const near = closestPeriod(periods, q);
  if (near && !isInherited(near, q)) {
    const [a, b] = near.start >= q.end ? [q.end, near.start] : [near.end, q.start];
    if (near.start >= q.end && b - a <= NEXT_TO && !/[,;:]/u.test(sentence.slice(a - base, b - base))) return near;
  }
  const by = periods.filter(p => p.type === 'by');
  if (by.length) return closestPeriod(by, q);
  const ahead = refYear === null ? [] : periods.filter(p => Number(p.value.slice(0, 4)) >= refYear);
  return closestPeriod(ahead.length ? ahead : periods, q);
}

/** With no cue in the sentence: a deadline or a future period makes a target, anything else a figure. */
function defaultKind(period: PeriodMention | null, refYear: number | null): 'target' | 'figure' {
  if (!period) return 'figure';
  if (period.type === 'by') return 'target';
  return refYear !== null && Number(period.value.slice(0, 4)) > refYear ? 'target' : 'figure';
}

function isInherited(p: PeriodMention, q: Quantity): boolean {
  const d = p.start >= q.end ? p.start - q.end : q.start >= p.end ? q.start - p.end : 0;
  return d > ADJACENT;
}

function validated<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, row: unknown, docId: string, rule: string, messages: Message[]): T | null {
  const r = schema.safeParse(row);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  messages.push({ severity: 'error', doc_id: docId, rule, reason: `Record failed its schema: ${issue.path.map(String).join('.') || 'record'}: ${issue.message}` });
  return null;
}

/** The pattern of a photo credit ("(Photo: Jane Doe)"), made once per rule set. */
const creditRegex = memoByObject((rules: RuleSet) => {
  const labels = rules.lex('credit_labels').alternation();
  return new RegExp(`[(（]\\s*(?<label>${labels})\\s*[/:：]\\s*(?<name>[^)）\\n]{1,80})[)）]`, 'giu');
});

function headingMax(rules: RuleSet): number {
  const v = rules.lex('layout').get('heading max chars');
  return typeof v === 'number' ? v : 120;
}
