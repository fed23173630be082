/**
 * Speakers and statements. Attribution rules (rules/attributions.yaml) run over each paragraph with its
 * quotations masked as one placeholder run (QUOTE, marks included) and the space between sentences marked
 * (CUT), so "quote, cue, speaker" shapes are plain patterns. This module resolves what the rules capture:
 *
 * - names: title words before a name are its title ("EPA Deputy Administrator Marisa Thornquist"); a surname
 *   alone ("said Tu") or a name in capitals (a transcript label) is the speaker who has that name, else a person
 *   named in full elsewhere in the document; a pronoun is the most recent speaker; names with organisation words
 *   ("Ministry", "Corp") are not people;
 * - roles: "deputy director of the X Commission" is title "deputy director", organisation "X Commission";
 *   "the company's chief financial officer" takes the organisation the text is about at that point;
 * - quotations: one statement per cue; a quotation continued after the cue ("'A,' she said. 'B'") or into the
 *   next paragraph belongs to the statement before it.
 */
import { isAdjective, isEnglishWord, isFirstName, isKnownVerb, nameType } from './tagger.js';
import { wordsOf, writesLower } from '../document/words.js';
import { anyOf, escapeRegex, mayMatch, withoutSentinels, type CompiledRule, type Lexicon, type RuleSet } from '../rules/load.js';
import { groupSpan } from '../rules/spans.js';
import type { ParsedDocument } from '../document/parse.js';
import { PronounResolver } from './pronouns.js';
import { memo } from '../memo.js';
import { byStart } from '../order.js';

/** Sentinels of the masked paragraphs attribution rules read (see FOCUS in rules/load.ts). */
export const QUOTE = '\x03';
export const CUT = '\x04';
/** The masked quotations of a text. */
const QUOTE_RUN = new RegExp(QUOTE, 'gu');
/** A masked quotation signed with a dash ("“...” ― Sonya Herridge"). */
const SIGNED_QUOTE = new RegExp(`${QUOTE}[\\s\\u00a0]*(?:[―—–]|--)`, 'u');

/** A statement found in the text; offsets are UTF-16 indices into the document text. */
export interface FoundStatement {
  start: number;
  end: number;
  kind: 'direct' | 'indirect';
  cue: string;
  cueStart: number;
  rule: CompiledRule;
  speaker: number;
}

/** A person who said something; `names` are every form the text uses for them. */
export interface FoundSpeaker {
  name: string;
  title: string | null;
  organization: string | null;
  start: number;
  end: number;
  names: Set<string>;
}

export interface Attribution { speakers: FoundSpeaker[]; statements: FoundStatement[]; /** Persons named in full (with a first name), speakers or not. */ persons: string[] }

interface Quote { start: number; end: number; open: boolean; continues: boolean }

/** A name as written before a cue: the name, where it starts, and what stands before it. */
type Written = { name: string; nameStart: number; pre: string };
/** A statement a rule's match makes, before its speaker is resolved. */
type Claim = { st: Omit<FoundStatement, 'speaker' | 'rule'>; m: RegExpExecArray; rule: CompiledRule; written: Written | null };
/** A paragraph being read for statements: its masked text and what the claims need. */
interface Paragraph { text: string; start: number; masked: string; quotes: Quote[]; next: { start: number; end: number } | null; persons: Map<string, string>; speakers: FoundSpeaker[] }

const OPEN = new Set(['“', '„', '«']);
const CLOSE = new Set(['”', '»']);

/** The quotations of a paragraph; an unclosed one runs to the paragraph's end. */
export function findQuotes(text: string, start: number, end: number, continuing: boolean): Quote[] {
  const out: Quote[] = [];
  let open = -1, straight = false, depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    // A curly quotation inside a curly quotation (“... he calls “hell” than ...”) nests: its closing mark does not close the outer one.
    if (open !== -1 && !straight && c === '“' && /[ \u00a0]/u.test(text[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')) { depth++; continue; }
    if (depth > 0 && CLOSE.has(c)) {
      // ... unless a signature or the line's end follows it ("the root of all evil’.” ― Name").
      if (!/^[\s\u00a0]*(?:[―—]|--|\n|$)/u.test(text.slice(i + 1, Math.min(end, i + 8)))) { depth--; continue; }
      depth = 0;
    }
    // Two apostrophes stand for a straight double quotation mark (''as some newspapers write'').
    const twin = c === "'" && text[i + 1] === "'";
    if (c === '"' || twin) {
      const stop = twin ? i + 2 : i + 1;
      if (open === -1) { open = i; straight = true; }
      // A straight mark that closes a curly quotation (“...," a common typing slip) closes it, where a closing mark stands.
      else if (straight || closesHere(text, i, stop)) { out.push({ start: open, end: stop, open: false, continues: false }); open = -1; }
      if (twin) i++;
    } else if (open === -1 && (OPEN.has(c) || (c === '”' && (i === start || /\s/u.test(text[i - 1]!)) && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')))) {
      // A closing mark where a quotation opens (”Fear. I am ...”, a common typing slip) opens it too.
      open = i; straight = false;
    }
    else if (CLOSE.has(c) && open !== -1 && (!straight || closesHere(text, i, i + 1))) { out.push({ start: open, end: i + 1, open: false, continues: false }); open = -1; }
  }
  if (open !== -1) out.push({ start: open, end, open: true, continues: false });
  if (continuing && out[0] && out[0].start === start) out[0].continues = true;
  return out;
}

/** A mark at i (ending at stop) stands where a quotation closes: right after a word or punctuation, not before a letter. */
function closesHere(text: string, i: number, stop: number): boolean {
  return i > 0 && !/\s/u.test(text[i - 1]!) && !/[\p{L}\p{N}]/u.test(text[stop] ?? '');
}

/**
 * Quoted words that name a title, not speech: two to six words, all capitalised but for small linking words,
 * with no sentence end ("Fox News Sunday", "Face the Nation", "Morning Joe").
 */
function isTitleInQuotes(words: string): boolean {
  const t = words.replace(/[,\s]+$/u, '').split(/\s+/u);
  if (t.length < 2 || t.length > 6 || /[.!?…]$/u.test(t[t.length - 1]!)) return false;
  return t.every(w => /^[\p{Lu}\p{N}]/u.test(w) || /^(?:of|the|and|a|an|to|in|on|for|at|with|&)$/u.test(w)) && /^\p{Lu}/u.test(t[0]!);
}

/**
 * The pattern for one to three capitalised given names before a surname ("Minyon Moore" for "Moore"), kept by
 * surname: a pattern made anew costs a compilation and a first run in V8's slower regex interpreter, and
 * documents name the same people again and again. Global: a caller sets lastIndex before using it.
 */
const givenNamesBefore = memo(surname => new RegExp(`(?<![\\p{L}\\p{N}.])((?:\\p{Lu}[\\p{Ll}'’-]+|\\p{Lu}\\.)(?:[ ](?:\\p{Lu}[\\p{Ll}'’-]+|\\p{Lu}\\.)){0,2})[ ]${escapeRegex(surname)}(?![\\p{L}])`, 'gu'), 2_000);

/** A word standing alone (no letter or digit on either side), kept by word. Global: a caller sets lastIndex. */
const wordAlone = memo(w => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(w)}(?![\\p{L}\\p{N}])`, 'gu'), 2_000);

const tokens = (s: string) => s.split(/[\s\u00a0]+/u).filter(Boolean);

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

export class AttributionFinder {
  private readonly titles: Lexicon;
  /** Words that make a name no person: organisation heads and organization_words. */
  private readonly orgWords: { has(w: string): boolean };
  private readonly honorifics: Lexicon;
  private readonly notNames: Lexicon;
  /** Lower-case words inside a name ("de" in "Bill de Blasio"). */
  private readonly particles: Lexicon;
  private readonly personRe: RegExp;
  private readonly worthReading: RegExp;
  /** A sentence that opens with a speaker and a cue ("Reyes asked", "she said", "said Reyes"). */
  private readonly cueOpening: RegExp;
  private readonly pronouns: PronounResolver;
  /** The words of the document being read, for "is this a common word here?". */
  private words = new Set<string>();
  /** Full names found for bare surnames in the document being read. */
  private fullNames = new Map<string, string | null>();

  constructor(private readonly rules: RuleSet) {
    this.titles = rules.lex('title_words');
    const lists = ['organization_words', 'organization_heads'].map(n => rules.lex(n));
    this.orgWords = anyOf(lists);
    this.honorifics = rules.lex('honorifics');
    this.notNames = rules.lex('not_names');
    this.particles = rules.lex('name_particles');
    this.pronouns = new PronounResolver(rules);
    const macro = rules.macro('person_name');
    this.worthReading = new RegExp(`["“”«»―—:]|''|(?<![\\p{L}])(?:${rules.lex('statement_signals').alternation()}|${rules.lex('speech_verbs').alternation()})(?![\\p{L}])`, 'iu');
    const verbs = rules.lex('speech_verbs').alternation();
    this.cueOpening = new RegExp(`^(?:(?:${rules.lex('speaker_pronouns').alternation()})(?![\\p{L}])|(?:the[ ])?\\p{Lu}[\\p{L}.'’-]*(?:[ ]\\p{Lu}[\\p{L}.'’-]*){0,3})[ ]+(?:(?:also|then|later)[ ]+)?(?:${verbs})(?![\\p{L}])|^(?:${verbs})[ ]+(?:the[ ])?\\p{Lu}`, 'u');
    this.personRe = new RegExp(`(?<![\\p{L}\\p{N}])(?:${macro})(?![\\p{L}\\p{N}])`, 'gu');
  }

  /** Find the speakers and statements of a document; `orgAt` names the organisation the text is about at a point. */
  find(doc: ParsedDocument, orgAt: (pos: number) => string | null): Attribution {
    const text = doc.text;
    this.words = wordsOf(blocksText(doc));
    this.fullNames = new Map();
    this.pronouns.reset(text);
    const persons = this.personsOf(text, doc.blocks.filter(b => b.kind === 'paragraph'));
    const speakers: FoundSpeaker[] = [];
    const statements: FoundStatement[] = [];
    /** Speakers in the order they last spoke, the most recent last. */
    const recent: number[] = [];
    let openQuote = false;
    // A loop and a method (claimAll), not callbacks made for each document and paragraph (why: src/order.ts).
    for (let bi = 0; bi < doc.blocks.length; bi++) {
      const b = doc.blocks[bi]!;
      const nb = doc.blocks[bi + 1];
      const next = nb && nb.kind === 'paragraph' ? nb : null;
      if (b.kind !== 'paragraph') { openQuote = false; continue; }
      // Cheap filter first: a paragraph with no quotation mark, colon, dash or verb of saying has no statement.
      if (!this.worthReading.test(text.slice(b.start, b.end))) { openQuote = false; continue; }
      // A transcript paragraph quoted whole ("PENCE: Well, ...) is read from its label, not as one quotation.
      const start = labelAfterQuoteMark(text, b.start, b.end);
      const quotes = findQuotes(text, start, b.end, openQuote && start === b.start);
      openQuote = quotes.length > 0 && quotes[quotes.length - 1]!.open;
      const masked = this.mask(text, start, b.end, quotes, doc.sentences.filter(s => s.block === bi));
      // Rules claim cues in rule order; then speakers resolve in text order, so a pronoun is the speaker just before.
      const para: Paragraph = { text, start, masked, quotes, next, persons, speakers };
      let claimed = this.claimAll(para, new Set());
      // A pronoun with nobody named before it stands for no one; its match must not hide a later cue ("While he
      // acknowledged ..., Ham also noted ..."): claim again without it.
      const firstNamed = claimed.findIndex(c => c.written);
      const dead = recent.length === 0 ? claimed.slice(0, firstNamed === -1 ? claimed.length : firstNamed) : [];
      if (dead.length) claimed = this.claimAll(para, new Set(dead.map(c => `${c.rule.id}@${c.m.index}`)));
      const found: FoundStatement[] = [];
      for (const { st, m, rule, written } of claimed) {
        const who = this.speakerOf(rule, m, written, start, text, persons, speakers, recent, orgAt);
        if (who === -1) continue;
        found.push({ ...st, speaker: who, rule });
        const k = recent.indexOf(who);
        if (k !== -1) recent.splice(k, 1);
        recent.push(who);
      }
      found.sort(byStart);
      trimAtLaterCue(found, text);
      statements.push(...found);
    }
    // A statement a cue before it took from its paragraph ("X continued:") is not taken again by a cue inside it.
    const seen = new Set<string>();
    const unique = statements.filter(st => { const k = `${st.start}:${st.end}`; if (seen.has(k)) return false; seen.add(k); return true; });
    return { speakers, statements: unique, persons: [...new Set(persons.values())] };
  }

  /** Every rule's statements in a paragraph, in cue order; `banned` names matches (rule@index) not to take. */
  private claimAll(p: Paragraph, banned: Set<string>): Claim[] {
    const { text, start, masked, quotes, next, persons, speakers } = p;
    const usedCue: [number, number][] = [];
    const usedQuote = new Set<number>();
    const claims: Claim[] = [];
    for (const rule of this.rules.rules.get('attribution')!) {
      if (!mayMatch(rule, masked)) continue;
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(masked); m; m = rule.regex.exec(masked)) {
        if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
        if (banned.size !== 0 && banned.has(`${rule.id}@${m.index}`)) { rule.regex.lastIndex = m.index + 1; continue; }
        // A "name" that names nothing ("According", "The"): look again from the next character.
        let written: Written | null = null;
        if (!m.groups?.pronoun) {
          written = this.writtenName(rule, m, start, text);
          const key = written && this.resolve(written.name, speakers, persons, text);
          if (!key || (rule.builds.named_in_full && tokens(key).length < 2)) { rule.regex.lastIndex = m.index + 1; continue; }
        }
        const st = this.statementOf(rule, m, start, text, quotes, usedCue, usedQuote, masked, next);
        // No statement here (its cue or quotation taken, nothing reported): a later start may still hold one.
        if (!st) { rule.regex.lastIndex = m.index + 1; continue; }
        usedCue.push([st.cueStart, st.cueStart + st.cue.length]);
        claims.push({ st, m, rule, written });
      }
    }
    return claims.sort((x, y) => x.st.cueStart - y.st.cueStart);
  }

  /** What one rule makes of a one-paragraph text (for rule examples): the first statement and its raw speaker. */
  explain(rule: CompiledRule, doc: ParsedDocument): Record<string, string | null> | null {
    const b = doc.blocks.find(x => x.kind === 'paragraph');
    if (!b) return null;
    const bi = doc.blocks.indexOf(b);
    const nb = doc.blocks[bi + 1];
    const next = nb && nb.kind === 'paragraph' ? nb : null;
    const start = labelAfterQuoteMark(doc.text, b.start, b.end);
    const quotes = findQuotes(doc.text, start, b.end, false);
    const masked = this.mask(doc.text, start, b.end, quotes, doc.sentences.filter(s => s.block === bi));
    if (!mayMatch(rule, masked)) return null;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(masked); m; m = rule.regex.exec(masked)) {
      const st = this.statementOf(rule, m, start, doc.text, quotes, [], new Set(), masked, next);
      if (!st) continue;
      // The name as the engine reads it: title words split off, the second of a pair refused.
      let raw: string | null = null;
      if (m.groups?.speaker) {
        this.words = wordsOf(doc.text);
        const written = this.writtenName(rule, m, start, doc.text);
        if (!written) continue;
        raw = written.name;
      }
      if (raw && rule.builds.named_in_full) {
        // The person must be named in full somewhere in the example.
        this.fullNames = new Map();
        const persons = this.personsOf(doc.text, doc.blocks.filter(x => x.kind === 'paragraph'));
        const key = this.resolve(raw === raw.toUpperCase() ? titleCase(raw) : raw, [], persons, doc.text);
        if (!key || tokens(key).length < 2) continue;
        raw = key;
      }
      return { speaker: raw && raw === raw.toUpperCase() ? titleCase(raw) : raw, pronoun: m.groups?.pronoun ?? null, kind: st.kind, cue: st.cue, text: doc.text.slice(st.start, st.end) };
    }
    return null;
  }

  /** Quotations become runs of QUOTE; the space between the paragraph's sentences becomes CUT. */
  private mask(text: string, start: number, end: number, quotes: Quote[], sentences: { start: number; end: number }[]): string {
    const para = withoutSentinels(text.slice(start, end));
    const chars = [...para].length === end - start ? para.split('') : Array.from({ length: end - start }, (_, i) => para[i]!);
    for (let i = 1; i < sentences.length; i++) {
      if (this.cueAfterQuestion(text, sentences[i - 1]!.end, sentences[i]!.start)) continue;
      for (let k = sentences[i - 1]!.end; k < sentences[i]!.start; k++) if (k >= start && k < end) chars[k - start] = CUT;
    }
    for (const q of quotes) for (let k = q.start; k < q.end; k++) chars[k - start] = QUOTE;
    return chars.join('');
  }

  /**
   * A sentence break after a quoted question or exclamation that the speaker and cue follow ("“Why now?” Reyes
   * asked.") is no break: the attribution belongs to the quotation.
   */
  private cueAfterQuestion(text: string, prevEnd: number, nextStart: number): boolean {
    return /[?!…][”"»]\s*$/u.test(text.slice(Math.max(0, prevEnd - 3), prevEnd)) && this.cueOpening.test(text.slice(nextStart, nextStart + 80));
  }

  private statementOf(rule: CompiledRule, m: RegExpExecArray, base: number, text: string, quotes: Quote[], usedCue: [number, number][], usedQuote: Set<number>, masked: string, next: { start: number; end: number } | null): Omit<FoundStatement, 'speaker' | 'rule'> | null {
    const cueIx = groupSpan(rule, m, 'cue') ?? [m.index, m.index];
    const cueStart = base + cueIx[0];
    const cue = typeof rule.builds.cue === 'string' ? rule.builds.cue : text.slice(base + cueIx[0], base + cueIx[1]);
    if (usedCue.some(([s, e]) => cueStart < e && s < cueStart + Math.max(1, cue.length))) return null;
    // builds next_paragraph: the words are the next paragraph ("X continued:" and then the quotation), its
    // opening quotation when it opens with one, else the whole paragraph (a block quotation without marks).
    if (rule.builds.next_paragraph) {
      if (!next) return null;
      const q = findQuotes(text, next.start, next.end, false)[0];
      let [s, e] = q && q.start === next.start ? inner(text, q) : [next.start, next.end];
      while (e > s && /[\s,]/u.test(text[e - 1]!)) e--;
      if (text.slice(s, e).split(/\s+/u).length < 3) return null;
      return { start: s, end: e, kind: rule.builds.kind === 'indirect' ? 'indirect' : 'direct', cue, cueStart };
    }
    const quoteIx = groupSpan(rule, m, 'quote');
    if (quoteIx) {
      const qs = base + quoteIx[0];
      const qi = quotes.findIndex(q => q.start <= qs && qs < q.end);
      if (qi === -1 || usedQuote.has(qi)) return null;
      const [s, e] = inner(text, quotes[qi]!);
      if (e <= s || isTitleInQuotes(text.slice(s, e))) return null;
      usedQuote.add(qi);
      // Words of the sentence before a quotation that comes before its cue are part of the statement, which is
      // then a mixed quotation: reported, not direct ("The answers are "not meeting the demand," says X").
      if (quoteIx[0] < cueIx[0]) {
        const rel = qs - base;
        const from = Math.max(masked.lastIndexOf(CUT, rel - 1), -1) + 1;
        const lead = masked.slice(from, rel);
        // A signed quotation before it ("“...” ― Sonya Herridge “...” ― Pamela Padilla") ends the words before it.
        const signed = SIGNED_QUOTE.test(lead);
        if (!signed && /\p{L}{2,}/u.test(lead.replace(QUOTE_RUN, '')) && !/[:]\s*$/u.test(lead)) {
          let st = base + from;
          while (st < qs && /\s/u.test(text[st]!)) st++;
          return { start: st, end: e, kind: 'indirect', cue, cueStart };
        }
      }
      return { start: s, end: e, kind: 'direct', cue, cueStart };
    }
    const c = groupSpan(rule, m, 'content') ?? groupSpan(rule, m, 'content2');
    if (!c) return null;
    let s = base + c[0], e = base + c[1];
    while (s < e && /[\s"“”'‘’(,]/u.test(text[s]!) && !opensQuoteWithin(quotes, s, e)) s++;
    while (e > s && /[\s"“”'‘’),.;:]/u.test(text[e - 1]!)) e--;
    if (text.slice(s, e).split(/\s+/u).length < 3) return null;
    const kind = rule.builds.kind === 'direct' ? 'direct' : 'indirect';
    return { start: s, end: e, kind, cue, cueStart };
  }

  /** The index of the speaker a match names, adding a new speaker when needed; -1 when it names no person. */
  /**
   * The name a match's speaker group stands for, before resolution: title words before it split off
   * ("Deputy Administrator Marisa Thornquist"), an honorific outside it taken in ("Ms. Moore"); null when it
   * names no person.
   */
  private writtenName(rule: CompiledRule, m: RegExpExecArray, base: number, text: string): Written | null {
    const g = m.groups ?? {};
    if (!g.speaker) return null;
    const speakerIx = groupSpan(rule, m, 'speaker');
    if (!speakerIx) return null;
    const possessive = rule.builds.possessive === true;
    // A possessive is no speaker ("Hillary Clinton’s campaign manager said"), nor the first words of one, unless
    // the rule's cue is a noun the possessive owns (builds possessive: "Reyes’s claim that ...").
    const after = text.slice(base + speakerIx[1], base + speakerIx[1] + 40);
    if (possessive ? /^(?:\p{L}|[ ]\p{Lu}[\p{L}-]*['’]s(?![\p{L}]))/u.test(after) : /^(?:['’]|\p{L}|[ ]\p{Lu}[\p{L}-]*['’]s(?![\p{L}]))/u.test(after)) return null;
    let name = g.speaker.trim();
    let nameStart = base + speakerIx[0];
    if (name === name.toUpperCase()) name = titleCase(name);
    // Title words before the name: "Deputy Administrator Marisa Thornquist", "Forest Service Chief Laura Whitcombe".
    let pre = '';
    const toks = tokens(name);
    let cut = -1;
    for (let i = 0; i < toks.length - 1; i++) {
      if (this.honorifics.has(toks[i]!)) continue;
      if (this.isTitleWord(toks[i]!) || (i + 1 < toks.length - 1 && this.isTitleWord(`${toks[i]} ${toks[i + 1]}`))) cut = i;
    }
    if (cut >= 0) {
      const t2 = cut + 1 < toks.length - 1 && this.isTitleWord(`${toks[cut]} ${toks[cut + 1]}`) ? cut + 1 : cut;
      pre = toks.slice(0, t2 + 1).join(' ');
      name = toks.slice(t2 + 1).join(' ');
      nameStart = text.indexOf(name, nameStart);
      // Capitalised words right before the match are the organisation of a title before the name ("EPA Deputy ...").
      const before = /((?:\p{Lu}[\p{L}.&'’-]*[ ]){1,4})$/u.exec(text.slice(Math.max(0, base + speakerIx[0] - 60), base + speakerIx[0]));
      if (before && !this.notNames.has(tokens(before[1]!)[0]!)) pre = `${before[1]!.trim()} ${pre}`;
    }
    // A sentence's first word that names nothing before a full name ("Rival Hillary Clinton had mocked ...").
    const lead = tokens(name);
    if (lead.length >= 3 && this.notNames.has(lead[0]!) && !this.notNames.has(lead[1]!)) {
      name = lead.slice(1).join(' ');
      nameStart = text.indexOf(name, nameStart);
    }
    if (!name || this.notPerson(name)) return null;
    // The second of two people who speak together ("Mr. Grassley and Mr. Leahy say", "both Sanders and Trump")
    // is no single speaker; up to three capitalised words may stand between "and" and the name, because a rule
    // that refused "Mr. Leahy" looks again from "Leahy".
    const pair = /(?:(?<![\p{L}])[Bb]oth[ ]+|\p{Lu}[\p{L}.'’-]*[ ]+and[ ]+)((?:\p{Lu}[\p{L}.'’-]*[ ]+){0,3})$/u.exec(text.slice(Math.max(0, nameStart - 60), nameStart));
    if (pair && !tokens(pair[1]!).some(w => this.isTitleWord(w))) return null;
    const clean = this.cleanName(name, text);
    if (!clean) return null;
    name = clean;
    // An honorific a rule left outside the name ("Ms. Moore said") belongs to it: it marks a person.
    const hon = /(?<![\p{L}])(\p{Lu}\p{Ll}{1,3}\.?)[ ]+$/u.exec(text.slice(Math.max(0, nameStart - 8), nameStart));
    if (hon && tokens(name).length === 1 && this.honorifics.has(hon[1]!)) name = `${hon[1]} ${name}`;
    return { name, nameStart, pre };
  }

  /** The index of the speaker a claimed match names (its written name was worked out when it was claimed). */
  private speakerOf(rule: CompiledRule, m: RegExpExecArray, written: { name: string; nameStart: number; pre: string } | null, base: number, text: string, persons: Map<string, string>, speakers: FoundSpeaker[], recent: number[], orgAt: (pos: number) => string | null): number {
    const g = m.groups ?? {};
    if (g.pronoun) return this.pronouns.resolve(g.pronoun, recent, speakers);
    if (!written) return -1;
    const { name, nameStart, pre } = written;
    const key = this.resolve(name, speakers, persons, text);
    if (key === null) return -1;
    let i = speakers.findIndex(s => s.name === key);
    if (i === -1) {
      const at = text.indexOf(key);
      const start = at === -1 ? nameStart : at;
      speakers.push({ name: key, title: null, organization: null, start, end: start + key.length, names: new Set([key]) });
      i = speakers.length - 1;
    }
    const sp = speakers[i]!;
    sp.names.add(name);
    if (!sp.title && !sp.organization) {
      const roleAt = groupSpan(rule, m, 'role')?.[0] ?? groupSpan(rule, m, 'role_dashed')?.[0] ?? m.index;
      const role = this.splitRole(g.role ?? g.role_dashed ?? g.pre_title ?? '', pre, base + roleAt, orgAt);
      sp.title = role.title;
      sp.organization = role.organization ?? g.org ?? null;
    }
    return i;
  }

  /** A written name without the title words before it ("Deputy Administrator Marisa Thornquist" → "Marisa Thornquist"). */
  private nameOnly(written: string): string {
    const t = tokens(written.trim());
    let cut = -1;
    for (let i = 0; i < t.length - 1; i++) if (!this.honorifics.has(t[i]!) && this.isTitleWord(t[i]!)) cut = i;
    return t.slice(cut + 1).join(' ');
  }

  private isTitleWord(w: string): boolean {
    return this.titles.has(w.replace(/[.,]$/u, ''));
  }

  private notPerson(name: string): boolean {
    const t = tokens(name).filter(w => !this.honorifics.has(w));
    if (!t.length) return true;
    if (this.notNames.has(t[0]!)) return true;
    // A loop, not a callback made for each name (why: src/order.ts).
    for (const w of t) if (this.orgWords.has(w.replace(/[.,'’s]+$/u, '')) || this.orgWords.has(w)) return true;
    return false;
  }

  /**
   * A capitalised run that holds a name: words before a first name are not part of it ("Democrat Hillary
   * Clinton", "Black Lawmakers Rip Donald Trump"); with no first name, a run that opens with an adjective or ends
   * with a word the document also writes in lower case ("Clinton Plan", "Presidential Debates") is no name.
   */
  private cleanName(name: string, text: string): string | null {
    const t = tokens(name.replace(/['’]s$/u, ''));
    if (t.length < 2) return t.join(' ');
    let i = 0;
    while (i < t.length && this.honorifics.has(t[i]!)) i++;
    const common = (w: string) => writesLower(this.words, w) && !(this.particles.has(w) && w === w.toLowerCase());
    const first = t.findIndex((w, k) => k >= i && isFirstName(w));
    if (first >= i) {
      // A name runs from its first name to the first word the text also writes in lower case ("Hillary Clinton
      // Goes After ..." in a headline) or, once it has a surname, to a verb ("Chris Christie Calls ..."); common
      // words, adjectives or verbs before the first name are not part of it ("Black Lawmakers Rip Donald Trump"),
      // other names are ("Cornell William Brooks").
      let from = first;
      while (from > i && !common(t[from - 1]!) && !isAdjective(t[from - 1]!) && !isKnownVerb(t[from - 1]!) && !this.isTitleWord(t[from - 1]!) && !/['’]s$/u.test(t[from - 1]!)) from--;
      if (from > i && t.slice(i, from).some(w => !common(w) && !isAdjective(w) && !isKnownVerb(w) && !this.isTitleWord(w))) from = first;
      let end = first + 1;
      const hasSurname = () => t.slice(first + 1, end).some(w => !/^\p{Lu}\.$/u.test(w));
      while (end < t.length && !common(t[end]!) && !(hasSurname() && isKnownVerb(t[end]!))) end++;
      if (end === first + 1 && end < t.length) end = first + 2;
      return [...t.slice(0, i), ...t.slice(from, end)].join(' ');
    }
    if (isAdjective(t[i] ?? '')) return null;
    if (t.slice(0, -1).some(w => /['’]s$/u.test(w))) return null;
    const last = t[t.length - 1]!.toLowerCase();
    if (writesLower(this.words, last)) return null;
    return t.join(' ');
  }

  /** The full name a written name stands for: a speaker's, else a person named in full in the document. */
  private resolve(name: string, speakers: FoundSpeaker[], persons: Map<string, string>, text: string): string | null {
    const all = tokens(name);
    const bare = all.filter(w => !this.honorifics.has(w));
    // "Mr. Van Voorhis": the person whose full name ends with these words.
    if (all.length > bare.length && /^(?:mr|ms|mrs|miss)\.?$/iu.test(all[0]!)) {
      const tail = bare.join(' ');
      const sp = [...speakers].reverse().find(s => [...s.names].some(n => n !== name && n.endsWith(` ${tail}`)));
      if (sp) return sp.name;
      const full = persons.get(`…${tail}`);
      if (full) return full;
      if (bare.length === 1 && persons.has(bare[0]!)) return persons.get(bare[0]!)!;
      return this.namedInFull(tail, text) ?? this.givenBare(all[0]!, tail, text) ?? name;
    }
    if (bare.length >= 2) {
      // "De Blasio" opening a sentence: the person whose name ends "de Blasio".
      if (this.particles.has(bare[0]!)) {
        const tail = [bare[0]!.toLowerCase(), ...bare.slice(1)].join(' ');
        const sp = speakers.find(s => s.name.endsWith(` ${tail}`));
        const named = sp?.name ?? persons.get(`…${tail}`) ?? this.namedInFull(tail, text);
        if (named) return named;
      }
      const full = speakers.find(s => s.names.has(name) || s.name === name);
      return full ? full.name : name;
    }
    const w = bare[0]!;
    const sp = [...speakers].reverse().find(s => s.names.has(name) || [...s.names].some(n => { const t = tokens(n).filter(x => !this.honorifics.has(x)); return t.length >= 2 && (t[0] === w || t[t.length - 1] === w); }));
    if (sp) return sp.name;
    return persons.get(w) ?? this.fullNameOf(w, text);
  }

  /** namedInFull for a bare surname ("Obama said" → "Barack Obama" when the text has "President Barack Obama"), once per document. */
  private fullNameOf(surname: string, text: string): string | null {
    let v = this.fullNames.get(surname);
    if (v === undefined) {
      v = this.namedInFull(surname, text);
      // Without an honorific to say it is a person, the words before the surname must hold a known first name or
      // read as given names: "North Korea", "Easter Island" and "National Review" are not people.
      const given = v ? tokens(v).slice(0, -tokens(surname).length) : [];
      const type = v ? nameType(v) : '';
      if (v && !given.some(w => isFirstName(w)) && type !== 'person' && (type !== '' || given.some(w => isEnglishWord(w)))) v = null;
      this.fullNames.set(surname, v);
    }
    return v;
  }

  /**
   * The surname alone when the text first gives this person without the honorific a later mention adds: a
   * headline's "Obama on climate" or a title's "President Obama" before "Mr. Obama said" (the name as first
   * given). Null when the first mention carries the honorific, or when the surname is first seen after given
   * names, which belong to someone else ("Michelle Obama").
   */
  private givenBare(honorific: string, surname: string, text: string): string | null {
    const re = wordAlone(surname);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const prev = /(\S+)[ ]+$/u.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1] ?? '';
      if (prev === honorific || this.honorifics.has(prev)) return null;
      if (/^\p{Lu}/u.test(prev) && !this.isTitleWord(prev) && !/[.:;!?"“”]$/u.test(prev)) continue;
      return surname;
    }
    return null;
  }

  /**
   * The first full name in the text that ends with a surname an honorific marked as a person's ("Minyon Moore"
   * for "Ms. Moore"), even with a first name compromise does not know; the words before the surname must be
   * neither titles nor words the text writes in lower case.
   */
  private namedInFull(surname: string, text: string): string | null {
    // The pattern, made for this surname, is only run when the surname follows a space somewhere.
    if (!text.includes(` ${surname}`)) return null;
    const re = givenNamesBefore(surname);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // Titles and honorifics before the given names are not part of them ("President Barack Obama").
      let before = tokens(m[1]!);
      const k = before.findLastIndex(w => this.honorifics.has(w) || this.isTitleWord(w));
      before = before.slice(k + 1);
      if (!before.length || !/\p{Ll}/u.test(before[0]!)) continue;
      if (before.some(w => this.notNames.has(w) || this.orgWords.has(w) || writesLower(this.words, w))) continue;
      return `${before.join(' ')} ${surname}`;
    }
    return null;
  }

  /** Persons named in full (two to five capitalised words with a first name, no organisation word), by each of their surnames. */
  private personsOf(text: string, blocks: { start: number; end: number }[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const b of blocks) {
    const para = text.slice(b.start, b.end);
    this.personRe.lastIndex = 0;
    for (let m = this.personRe.exec(para); m; m = this.personRe.exec(para)) {
      const written = this.nameOnly(m[0]);
      const t = tokens(written).filter(w => !this.honorifics.has(w));
      // Only names with a first name compromise knows: a run of capitals alone may be a place or an event.
      const name = this.cleanName(written, text);
      if (!name || t.length < 2 || this.notPerson(name) || !t.some(w => isFirstName(w))) continue;
      const nt = tokens(name).filter(w => !this.honorifics.has(w));
      if (nt.length < 2) continue;
      for (const k of [nt[0]!, nt[nt.length - 1]!]) if (!out.has(k)) out.set(k, name);
      for (let j = 1; j < nt.length; j++) { const k = `…${nt.slice(j).join(' ')}`; if (!out.has(k)) out.set(k, name); }
    }
    }
    return out;
  }

  /**
   * "deputy director of the X Commission" → title and organisation. Capitalised words before the first title
   * word name the organisation ("the New South Wales Minister for Energy", "EPA Deputy Administrator");
   * "of/at/with X" after it names it too; "for the X" does when X is an organisation ("a spokesperson for the
   * administration"); "its/the company's chief financial officer" takes the organisation the text is about.
   */
  private splitRole(role: string, pre: string, pos: number, orgAt: (pos: number) => string | null): { title: string | null; organization: string | null } {
    let r = `${pre} ${role}`.trim().replace(/^(?:a|an|the)\s+/iu, '');
    if (r === r.toUpperCase() && /\p{Lu}/u.test(r)) r = titleCase(r).replace(/\b(For|Of|And|The|At)\b/gu, w => w.toLowerCase());
    // An age ("Donna Rawlings, 59, of Ashton") is no title.
    if (!r || /^\d{1,3}$/u.test(r)) return { title: null, organization: null };
    let organization: string | null = null;
    const own = /^(?:its|their|his|her|the\s+(?:company|group|agency|firm|ministry|department|organisation|organization|university|bank|city|commission|institute|operator)['’]s)\s+(.+)$/iu.exec(r);
    if (own) return { title: tidy(own[1]!), organization: orgAt(pos) };
    const t = tokens(r);
    const k = t.findIndex((w, i) => !this.honorifics.has(w) && (this.isTitleWord(w) || (i + 1 < t.length && this.isTitleWord(`${w} ${t[i + 1]}`))));
    if (k > 0 && t.slice(0, k).every(w => /^\p{Lu}/u.test(w))) {
      const prefix = t.slice(0, k).join(' ').replace(/['’]s$/u, '');
      if (k >= 2 || /^\p{Lu}{2,}/u.test(prefix) || t.slice(0, k).some(w => this.orgWords.has(w))) { organization = prefix; r = t.slice(k).join(' '); }
    }
    const split = /^(.+?)\s+(?:of|at|with)\s+(?:the\s+)?(\p{Lu}.+)$/u.exec(r) ?? /^(.+?)\s+for\s+the\s+(.+)$/u.exec(r);
    let title = r;
    if (split && (/^\p{Lu}/u.test(split[2]!) || tokens(split[2]!).some(w => this.orgWords.has(w)))) {
      title = split[1]!;
      const o = split[2]!.replace(/^the\s+/iu, '');
      organization ??= /^\p{Lu}/u.test(o) ? o : orgAt(pos) ?? o;
    }
    return { title: tidy(title), organization: organization ? tidy(organization) : null };
  }
}

/**
 * Reported words stop where the same speaker's next cue starts: "X said A and warned that B" is A, then B;
 * "X mocked A, saying B" is A, then B. The link before the later cue (", and", ",") is left out.
 */
function trimAtLaterCue(found: FoundStatement[], text: string): void {
  // A cue whose subject opens another statement's reported words by the same speaker is part of them
  // ("Mr. Clarke said he expected to sell ...", "she said she realized that ..."): no statement of its own.
  for (let i = found.length - 1; i >= 0; i--) {
    const b = found[i]!;
    const inside = found.some(a => a !== b && a.speaker === b.speaker && a.cueStart < b.cueStart && b.cueStart < a.end && b.end <= a.end
      && /^[,\s\u00a0]*(?:that[\s\u00a0]+)?(?:he|she|they|I|we|(?:\p{Lu}[\p{L}.'’-]*[\s\u00a0]+){1,4})(?:[\s\u00a0]+\p{Ll}+ly)?[\s\u00a0]*$/u.test(text.slice(a.cueStart + a.cue.length, b.cueStart)));
    if (inside) found.splice(i, 1);
  }
  for (const a of found) {
    if (a.kind !== 'indirect') continue;
    const later = found.find(x => x !== a && x.speaker === a.speaker && x.cueStart > a.start && x.cueStart < a.end);
    if (!later) continue;
    const head = text.slice(a.start, later.cueStart).replace(/(?:[,;]?[\s\u00a0]+and(?:[\s\u00a0]+(?:also|then|later))?|[,;])?[\s\u00a0]*$/u, '');
    if (head.split(/\s+/u).length >= 3) a.end = a.start + head.length;
  }
}

/**
 * Where a paragraph's reading starts: after a quotation mark that opens a transcript label (a name in capitals,
 * an optional title, a colon), as newspapers print a quoted transcript; else at the paragraph's start.
 */
function labelAfterQuoteMark(text: string, start: number, end: number): number {
  const m = /^["“][ ]?(?=\p{Lu}[\p{Lu}'’.-]+(?:[ ]\p{Lu}[\p{Lu}'’.-]+){0,3}(?:,[ ][^:\n]{1,80})?:[ ])/u.exec(text.slice(start, Math.min(end, start + 120)));
  return m ? start + m[0].length : start;
}

const tidy = (s: string) => s.replace(/^(?:a|an|the)\s+/iu, '').replace(/[,;.]+$/u, '').trim();

/**
 * Reported words that open with a quotation which closes before they end ("Trump told Fox that "they hit Matt
 * ... ," adding ...") keep its opening mark: the quotation is part of them, not their frame.
 */
function opensQuoteWithin(quotes: Quote[], s: number, e: number): boolean {
  return quotes.some(q => q.start === s && !q.open && q.end < e);
}

/** The words inside a quotation: its marks and a trailing comma or period left out. */
function inner(text: string, q: Quote): [number, number] {
  let s = q.start + 1, e = q.open ? q.end : q.end - 1;
  while (s < e && /[\s']/u.test(text[s]!)) s++;
  while (e > s && /[\s,']/u.test(text[e - 1]!)) e--;
  return [s, e];
}

/**
 * The text of a document's blocks, one per line. Concatenated in a loop: with a map and a join, V8 threw away the
 * optimised code of the whole finder (find, about 0.1 s to compile again) once per worker, at the join ("wrong map":
 * an array of a shape the code had not seen).
 */
function blocksText(doc: ParsedDocument): string {
  let out = '';
  for (let i = 0; i < doc.blocks.length; i++) out += (i ? '\n' : '') + doc.text.slice(doc.blocks[i]!.start, doc.blocks[i]!.end);
  return out;
}
