/**
 * Named entities: people, organisations, places and events, one row per distinct entity with its aliases.
 *
 * Candidates are runs of capitalised words (joined by "of", "and", "for", "the", "de" ...) in the text, with
 * leading function words ("The", "In", "Data") and title words ("Deputy Director") taken off. Types come from
 * word lists in rules/ first (gazetteers of countries, regions and cities; organisation heads such as
 * "Commission", "Ministry of", company suffixes; place words such as "Province", "Bay"; event words such as
 * "Summit", "Sessions"; acronyms), then from the speakers and persons the attribution step found, then from
 * compromise's tags on the candidate alone. A run that opens a sentence or sits in a title-case heading counts
 * only when the lists know it or the body names it too. Mentions merge into one entity: an acronym in brackets
 * after a name, an acronym of a name's initials, a person's surname, a place with or without its "Municipality",
 * possessives.
 */
import { isEnglishWord, isFirstName, isVerbOrPluralOnly, nameType } from './tagger.js';
import { memo } from '../memo.js';
import { wordCounts, wordsOf, writesLower } from '../document/words.js';
import { anyOf, type Lexicon, type RuleSet } from '../rules/load.js';
import type { ParsedDocument } from '../document/parse.js';

export type EntityType = 'person' | 'organization' | 'place' | 'event';

export interface FoundEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  start: number;
  end: number;
  rule: string;
}

/** A person known from elsewhere in the pipeline (a speaker, a photo credit), with every form of their name. */
export interface KnownPerson { name: string; forms: string[] }

interface Mention { text: string; start: number; end: number; sentenceStart: boolean; heading: boolean }
/** An entity being gathered: its name, kind, written forms and mentions, and the rule that found it. */
type Ent = { name: string; type: EntityType; forms: Set<string>; mentions: Mention[]; rule: string };

/** A word, or an ampersand standing alone ("Aviation & Space"). */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*|&(?=\s)/gu;
/** Whether a word ends in a possessive's or a plural possessive's apostrophe ("China's", "ministers’"). */
const possessive = (w: string) => w.endsWith("'s") || w.endsWith('’s') || w.endsWith("s'") || w.endsWith('s’');
/** Whether a word starts with an upper-case letter; ASCII answered without a pattern. */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(w);
}

export class EntityFinder {
  private readonly places: { has(surface: string): boolean };
  private readonly placeWords: Lexicon;
  private readonly orgHeads: Lexicon;
  private readonly eventWords: Lexicon;
  /** Recurring events known by one word ("Hajj", "Olympics"). */
  private readonly eventNames: Lexicon;
  private readonly notNames: Lexicon;
  private readonly titles: Lexicon;
  private readonly honorifics: Lexicon;
  private readonly abbreviations: Lexicon;
  private readonly connectors: Lexicon;
  private readonly leading: Lexicon;
  private readonly admin: Lexicon;
  private readonly company: Lexicon;
  /** A stock exchange and a colon right before a symbol: a ticker. */
  private readonly ticker: RegExp;
  /** The words of the document being read. */
  private words = new Set<string>();
  /** How often the document writes each word. */
  private counts = new Map<string, number>();
  /** The words of the document's names of several words. */
  private inLongerName = new Set<string>();
  private readonly placeAliases: Lexicon;
  private readonly notHeads: Lexicon;
  private readonly familyFirst: Lexicon;
  private readonly notEntities: (w: string) => boolean;
  private readonly demonyms: Lexicon;
  private readonly pressTitles: Lexicon;
  /** "-based", "-related" after a name ("Scientology-related"). */
  private readonly nameSuffix: RegExp;
  /** "Pro-", "Anti-" before a name ("Pro-Beijing"). */
  private readonly adjectivePrefix: RegExp;
  /** A capitalised word that alone names nothing: a compass point, a month, a demonym ("West", "Feb", "Afghan"). */
  private readonly notLoneName: (w: string) => boolean;
  /** A word before a lone name that makes it a place ("in Sochi"). */
  private readonly placeBefore: RegExp;
  /** Nouns for works and products ("film", "vessel", "app"): a name right after one is a title. */
  private readonly workNouns: Lexicon;
  private readonly months: Lexicon;
  private readonly weekdays: Lexicon;

  constructor(rules: RuleSet) {
    this.abbreviations = rules.lex('abbreviations');
    this.connectors = rules.lex('name_connectors');
    this.leading = rules.lex('leading_function_words');
    this.admin = rules.lex('admin_units');
    this.company = rules.lex('company_suffixes');
    this.ticker = new RegExp(`(?:${rules.lex('stock_exchanges').alternation()})\\s*:\\s*$`, 'iu');
    this.placeAliases = rules.lex('place_aliases');
    this.notHeads = rules.lex('not_entity_heads');
    this.familyFirst = rules.lex('family_names_first');
    this.demonyms = rules.lex('demonyms');
    this.pressTitles = rules.lex('press_titles');
    this.nameSuffix = new RegExp(`-(?:${rules.lex('name_suffixes').alternation()})$`, 'iu');
    this.adjectivePrefix = new RegExp(`^(?:${rules.lex('adjective_prefixes').alternation()})-\\p{L}`, 'iu');
    const notLone = ['not_lone_names', 'months', 'weekdays'].map(n => rules.lex(n));
    const notLoneAny = anyOf(notLone);
    this.notLoneName = (w: string) => notLoneAny.has(w) || this.demonyms.has(w) || this.demonyms.has(w.replace(/s$/u, ''));
    this.placeBefore = new RegExp(`(?:^|[^\\p{L}])(?:${rules.lex('place_prepositions').alternation()})\\s+$`, 'u');
    // Currency codes and units in capitals ("USD", "GWh") are not names.
    const codes = [...rules.lexicons.values()].filter(l => /_(?:currencies|units)$/u.test(l.name) || l.name === 'not_entity_acronyms');
    this.notEntities = anyOf(codes).has;
    this.places = anyOf(['gazetteer_countries', 'gazetteer_regions', 'gazetteer_cities'].map(n => rules.lex(n)));
    this.placeWords = rules.lex('place_words');
    this.orgHeads = rules.lex('organization_heads');
    this.eventWords = rules.lex('event_words');
    this.eventNames = rules.lex('event_names');
    this.notNames = rules.lex('not_names');
    this.titles = rules.lex('title_words');
    this.honorifics = rules.lex('honorifics');
    this.workNouns = rules.lex('work_nouns');
    this.months = rules.lex('months');
    this.weekdays = rules.lex('weekdays');
  }

  /**
   * Does a run starting at this offset name a work or a product rather than an entity? It does right after a
   * noun for works ("the 2004 film Harbour Lights", "the vessel Northern Tern"), or as the subtitle after a
   * capitalised word and a colon inside a sentence ("playing Starfall: The Lost Moons").
   */
  private isWorkTitle(text: string, start: number): boolean {
    // Both need white space just before the run; most runs follow a space, so test the last character first.
    if (start === 0 || !/\s/u.test(text[start - 1]!)) return false;
    const before = text.slice(Math.max(0, start - 40), start);
    const noun = /(?:^|[^\p{L}-])(\p{Ll}+)\s+$/u.exec(before)?.[1];
    if (noun !== undefined && this.workNouns.has(noun)) return true;
    return before.endsWith(': ') && /(?:^|\s)\p{Ll}[\p{L}'’-]*\s+\p{Lu}[\p{L}\p{N}'’-]*:[ ]$/u.test(before);
  }

  find(doc: ParsedDocument, known: KnownPerson[]): FoundEntity[] {
    const text = doc.text;
    this.words = wordsOf(text);
    this.counts = wordCounts(text);
    const mentions = this.mentionsOf(doc);
    this.inLongerName = new Set(mentions.filter(m => /\s/u.test(m.text)).flatMap(m => m.text.split(/\s+/u)));
    const body = new Set(mentions.filter(m => !m.heading && !m.sentenceStart).map(m => m.text));
    const lower = (w: string) => writesLower(this.words, w);
    const personForm = new Map<string, string>();
    // Set one by one, not spread into one array: a person's forms are an empty literal or a list of names, two
    // element kinds, and a spread of the kind the optimised code had not seen made V8 throw away and compile
    // this whole function again (about 0.1 s of a helper thread each time).
    for (const p of known) {
      personForm.set(p.name, p.name);
      for (const f of p.forms) personForm.set(f, p.name);
      personForm.set(this.bareName(p.name), p.name);
    }

    const ents = new Map<string, Ent>();
    const add = (name: string, type: EntityType, m: Mention, rule: string, written = name) => {
      // A name in capitals (a dateline's "CANBERRA") is the same name.
      const key = `${type}:${name.toLowerCase()}`;
      let e = ents.get(key);
      if (!e) { e = { name, type, forms: new Set([name]), mentions: [], rule }; ents.set(key, e); }
      else if (e.name === e.name.toUpperCase() && name !== name.toUpperCase()) e.name = name;
      e.forms.add(name);
      e.forms.add(written);
      e.mentions.push(m);
    };

    // A name before a small version number is a product ("Harbourline Explorer 6"), not a score or a date, at
    // every mention.
    const products = new Set(mentions.filter(m => !this.months.has(m.text) &&
      /^ \d{1,2}(?:\.\d)?(?![\p{N}.,:/%]|\s*[–-]\s*\d)(?!\s+(?:\p{Lu}\p{Ll}+\s+)?\d)/u.test(text.slice(m.end, m.end + 12))).map(m => m.text));
    for (const m of mentions) {
      const name = m.text;
      const toks = name.split(/\s+/u);
      const known = personForm.get(name);
      // A speaker the lists know as an organisation, place or event ("the Edmonton Sun reported") is not a person.
      // A single word stays the speaker's, a surname that is also a place ("Valeska Paris" ... "Paris said").
      const listed = known && /\s/u.test(name) ? this.typeOf(name) : null;
      if (known && (listed === null || listed === 'person')) { add(this.bareName(known), 'person', m, 'entity/speaker', name); continue; }
      if (this.notEntities(name) || /^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$/u.test(name)) continue; // "part XVII" is a number
      if (text[m.start - 1] === '@') continue; // a social-media handle is an address, like an e-mail
      if (this.ticker.test(text.slice(Math.max(0, m.start - 20), m.start))) continue;
      if (products.has(name)) continue;
      let type = this.typeOf(name);
      // A title-case heading names something only when the body names it too (or it is a known place).
      if (m.heading && !body.has(name) && !this.isPlace(name)) continue;
      const validated = type !== null || body.has(name);
      if (m.sentenceStart && !validated) continue;
      if (toks.length === 1 && type === null && (lower(name) || this.notNames.has(name))) continue;
      const acronym = /^\p{Lu}[\p{Lu}.&]{1,7}$/u.test(name);
      if (type === null && acronym) type = 'organization'; // kept only if it merges into a name below
      else if (type === null) {
        const t = nameType(name);
        // A single word that the words around it put in a place ("in Kanata", "Irving, Texas") is a place.
        if (t === 'person' && toks.length === 1 && !m.sentenceStart && this.placeContext(m, text)) type = 'place';
        // A known place with words that are no place, nor a place word, is named after it ("Environment Canada",
        // "Hitwise UK"; not "State of Texas").
        else if (t === 'place' && toks.length >= 2 && toks.some(w => this.isPlace(w)) && !toks.some(w => this.placeWords.has(w)) &&
          !toks.every(w => this.isPlace(w) || this.notLoneName(w) || this.connectors.has(w))) type = 'organization';
        else if (t === 'person' || t === 'place' || t === 'organization') type = t;
        // A given name may read as a verb or a plural ("Dries", "Vitas"); the family name may not.
        else if (toks.length >= 2 && toks.length <= 3 && toks.every((w, i) => /^\p{Lu}\p{Ll}+(?:-\p{Ll}+)?$/u.test(w) && !lower(w) && (!isEnglishWord(w) || (i === 0 && isVerbOrPluralOnly(w))))) type = 'person';
        else if (toks.length >= 2 && !toks.some(w => lower(w) && !this.connectors.has(w))) type = 'organization';
        else if (toks.length === 1 && !m.sentenceStart && this.isLoneName(m, text)) type = this.loneNameType(m, text);
      }
      if (type) add(name, type, m, `entity/${type}`);
    }

    // Merge forms into one entity per thing.
    const list = [...ents.values()];
    const absorb = (into: Ent, from: Ent) => {
      for (const f of from.forms) into.forms.add(f);
      into.mentions.push(...from.mentions);
      ents.delete(`${from.type}:${from.name.toLowerCase()}`);
    };
    // One name typed differently at different mentions ("the Tarnmoot", "in Tarnmoot") is one entity, of the type most
    // of its mentions give (the first, on a tie).
    const byName = new Map<string, Ent[]>();
    for (const e of list) byName.set(e.name.toLowerCase(), [...(byName.get(e.name.toLowerCase()) ?? []), e]);
    for (const same of byName.values()) {
      if (same.length < 2) continue;
      const [host, ...rest] = [...same].sort((x, y) => y.mentions.length - x.mentions.length || x.mentions[0]!.start - y.mentions[0]!.start);
      for (const e of rest) absorb(host!, e);
    }
    // An acronym in brackets after a name, or the initials of a name that is no place's short form ("US" is not
    // "University of Sheffield").
    for (const a of list.filter(e => /^\p{Lu}[\p{Lu}.&]{1,7}$/u.test(e.name) && ents.has(`${e.type}:${e.name.toLowerCase()}`))) {
      const bracket = a.mentions.map(m => text.slice(Math.max(0, m.start - 2), m.start)).some(s => s === ' (' || s.endsWith('('));
      const initials = a.name.replace(/[.&]/g, '');
      const full = list.find(e => e !== a && ents.has(`${e.type}:${e.name.toLowerCase()}`) && e.name.split(/\s+/u).length >= 2 &&
        ((this.initialsOf(e.name) === initials && !this.isPlace(a.name)) || (bracket && e.mentions.some(m => a.mentions.some(x => x.start > m.end && x.start - m.end <= 3)))));
      if (full && ents.has(`${a.type}:${a.name.toLowerCase()}`)) absorb(full, a);
    }
    // Another name of the same type in brackets right after a name is its other name ("Masjid Al-Haram (Grand
    // Mosque)"); not a known place, which says where it is ("Kowloon (Hong Kong)").
    for (const a of [...ents.values()]) {
      if (!ents.has(`${a.type}:${a.name.toLowerCase()}`) || a.mentions.length !== 1 || this.isPlace(a.name)) continue;
      const m = a.mentions[0]!;
      if (text.slice(Math.max(0, m.start - 2), m.start) !== ' (' || text[m.start + m.text.length] !== ')') continue;
      const full = [...ents.values()].find(e => e !== a && e.type === a.type && e.mentions.some(x => x.end === m.start - 2));
      if (full) absorb(full, a);
    }
    // A person's single name, a place without its "Municipality" or its initials ("Washington" of "Washington
    // D.C."), an organisation's head word alone.
    for (const e of [...ents.values()]) {
      if (!ents.has(`${e.type}:${e.name.toLowerCase()}`)) continue;
      const toks = e.name.split(/\s+/u).filter(w => !this.honorifics.has(w));
      if (toks.length !== 1) continue;
      const w = toks[0]!;
      // A builtin's filter, not pushes onto an empty literal: the push ran for few documents, and V8 threw away
      // this whole function's optimised code twice at it (too little feedback, then the array's changed shape).
      const host = [...ents.values()].filter(o => this.oneWordOf(o, e, w));
      // Of several people, the one named first before it ("Lena Park ... Park said", not a later "Jonas Park").
      const people = host.filter(o => o.type === 'person' && e.type === 'person' && o.mentions[0]!.start < e.mentions[0]!.start);
      if (host.length > 1 && people.length) host.splice(0, host.length, people.sort((x, y) => y.mentions[0]!.start - x.mentions[0]!.start)[0]!);
      if (host.length === 1) absorb(host[0]!, e);
    }

    // Short forms of places ("U.S.", "America") merge into their full name when the text has it.
    for (const e of [...ents.values()]) {
      if (e.type !== 'place' || !ents.has(`place:${e.name.toLowerCase()}`)) continue;
      const full = this.placeAliases.get(e.name);
      if (typeof full !== 'string') continue;
      const host = ents.get(`place:${full.toLowerCase()}`) ?? [...ents.values()].find(o => o !== e && o.type === 'place' && this.placeAliases.get(o.name) === full);
      if (host && host !== e) absorb(host, e);
    }
    // A shorter name that starts or ends a longer one of the same kind ("Sakura Motors" of "Sakura Motors
    // Corporation", "Forest Service" of "USDA Forest Service"). A place only before "of" and where it is
    // ("Harbour Museum" of "Harbour Museum of Dunmore"), or a building that ends a longer name without "of"
    // ("Hazy Center" of "National Museum Hazy Center"); else it is another place ("Hong Kong Island" is not
    // "Hong Kong", "Los Angeles" not "East Los Angeles").
    for (const e of [...ents.values()].sort((x, y) => x.name.length - y.name.length)) {
      if (!ents.has(`${e.type}:${e.name.toLowerCase()}`) || e.type === 'person' || e.name.split(/\s+/u).length < 2) continue;
      let host: Ent[] = [];
      for (const o of ents.values()) if (this.longerNameOf(o, e)) host.push(o);
      // Of several, the one that only adds a company suffix ("Sakura Motors" → "Sakura Motors Corporation").
      if (host.length > 1) host = host.filter(o => o.name.startsWith(`${e.name} `) && o.name.slice(e.name.length + 1).split(/\s+/u).every(w => this.company.has(w)));
      if (host.length === 1) absorb(host[0]!, e);
    }
    // A place that plays a match is its team, an organisation ("Norway 2 – 1 Chile").
    for (const e of ents.values()) if (e.type === 'place' && e.mentions.some(m => this.besideScore(text, m))) e.type = 'organization';
    const out: FoundEntity[] = [];
    for (const e of ents.values()) {
      // Case variants are one form; the form in capitals gives way to the written one.
      const byLower = new Map<string, string>();
      for (const f of e.forms) { const k = f.toLowerCase(); const cur = byLower.get(k); if (!cur || (cur === cur.toUpperCase() && f !== f.toUpperCase())) byLower.set(k, f); }
      const forms = [...byLower.values()];
      // The longest form names it; a person's name without an honorific ("Dr Samuel Okonjo" is "Samuel Okonjo").
      const eligible = e.type === 'person' ? forms.filter(f => f === this.bareName(f)) : forms;
      const name = (eligible.length ? eligible : forms).sort((a, b) => b.length - a.length || a.localeCompare(b))[0]!;
      e.mentions.sort((a, b) => a.start - b.start);
      const first = e.mentions[0]!;
      out.push({ name, type: e.type, aliases: forms.filter(f => f !== name).sort(), mentions: e.mentions.length, start: first.start, end: first.end, rule: e.rule });
    }
    return out.sort((a, b) => a.start - b.start || a.name.localeCompare(b.name));
  }

  // The two tests below are methods, not callbacks made for each entity (why: src/order.ts).

  /** Whether `o` is a longer name that `e`, whose one word is `w`, stands for (a surname, a place's head, an organisation's head word). */
  private oneWordOf(o: Ent, e: Ent, w: string): boolean {
    return o !== e && o.name.split(/\s+/u).length >= 2 && (
      (o.type === 'person' && (e.type === 'person' || !this.isPlace(w)) && (o.name.split(/\s+/u)[0] === w || o.name.split(/\s+/u).at(-1) === w)) ||
      (o.type === 'place' && e.type === 'place' && o.name.startsWith(`${w} `) && (this.admin.has(o.name.slice(w.length + 1)) || /^(?:\p{Lu}\.){2,}$/u.test(o.name.slice(w.length + 1)))) ||
      (o.type === 'organization' && (e.type === 'organization' || (!this.isPlace(w) && (e.type !== 'person' || e.rule !== 'entity/speaker'))) && (o.name.endsWith(` ${w}`) || o.name.startsWith(`${w} `))));
  }

  /** Whether `o` is a longer name of the same kind that `e` starts or ends (see the loop that merges them). */
  private longerNameOf(o: Ent, e: Ent): boolean {
    return o !== e && o.type === e.type && (e.type === 'place'
      ? o.name.startsWith(`${e.name} of `) || (o.name.endsWith(` ${e.name}`) && !o.name.includes(' of ') && this.placeWords.has(e.name.split(/\s+/u).at(-1)!))
      : o.name.startsWith(`${e.name} `) || o.name.endsWith(` ${e.name}`));
  }

  /** Is a mention right before or after a match score ("Norway 2 – 1", "2 – 1 Chile"), not a span of years or days ("Oslo 10-12 June")? */
  private besideScore(text: string, m: Mention): boolean {
    const after = /^[ ]\d{1,2}[ ]?[–-][ ]?\d{1,2}(?![\p{N}/.:])[ ]?(\p{L}*)/u.exec(text.slice(m.end, m.end + 24));
    if (after) return !this.months.has(after[1]!);
    return /(?<![\p{N}/.:])\d{1,2}[ ]?[–-][ ]?\d{1,2}[ ]$/u.test(text.slice(Math.max(0, m.start - 12), m.start));
  }

  /** A name that reads as a person's: a first name compromise knows, or a family name written first. */
  private isPersonName(name: string): boolean {
    const t = name.split(/\s+/u);
    if (t.some(w => w === 'and' || w === '&' || w === 'of' || w === 'the' || w === 'for')) return false; // two names, or a name of something
    return t.length >= 2 && t.length <= 4 && (isFirstName(t[0]!) || (this.familyFirst.has(t[0]!) && /^\p{Lu}/u.test(t[1]!)));
  }

  /**
   * Does a person's name start at word k of a run whose words before k name an organisation ("NASA", "Refugee
   * Council")? It does when the rest is two or three capitalised words the lists give no other type, and it
   * opens with a first name, or ends in a word the text never writes in lower case (not "USI Art Collections"
   * beside "each collection") and the whole reads as a person's name to compromise or its surname stands alone
   * elsewhere in the text, more often than its first name ("Amneh Jafari" ... "Jafari said").
   */
  private personAfterOrganisation(run: { w: string; s: number; e: number }[], k: number, text: string): boolean {
    const left = text.slice(run[0]!.s, run[k - 1]!.e);
    // Two or more words before a first name and a surname name something else ("Islamic Relations Alia Salem").
    const named = k >= 2 && run.length - k === 2 && isFirstName(run[k]!.w) && !this.isPersonName(left);
    if (this.connectors.has(run[k - 1]!.w) || (this.typeOf(left) !== 'organization' && !/^\p{Lu}{2,}$/u.test(left) && !named)) return false;
    if (isFirstName(run[k]!.w)) return true;
    const rest = run.slice(k);
    const surname = rest.at(-1)!.w;
    if (!rest.every(t => /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(t.w)) || writesLower(this.words, surname.replace(/s$/u, ''))) return false;
    const name = text.slice(rest[0]!.s, rest.at(-1)!.e);
    const type = this.typeOf(name);
    if (type !== null && type !== 'person') return false;
    if (nameType(name) === 'person') return true;
    return (this.counts.get(surname) ?? 0) > (this.counts.get(rest[0]!.w) ?? 0);
  }

  /**
   * Is this one capitalised word, in running text, a name though no list or compromise knows it ("Youngspiration",
   * "Yeoncheon", "Zeus")? It is when it is written only with a capital, is no English word, demonym or faith
   * ("Afghan", "Muslim"), and stands alone: no capitalised word or number next to it or joined to it by "of"
   * or by "and" unless that word could be a name too (a fragment of a longer name such as "Home" of "Home
   * Secretary" or "Landscape" of "Planning and Landscape"), no longer name of the document holds it ("Lakeshore" of "Lakeshore Works"), and no quotation mark
   * or bracket right before it (a quotation's first word).
   */
  private isLoneName(m: Mention, text: string): boolean {
    const w = m.text;
    if (m.heading || !/^\p{Lu}\p{Ll}+$/u.test(w) || isEnglishWord(w) || this.notLoneName(w) || this.inLongerName.has(w)) return false;
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    const after = text.slice(m.end, m.end + 40);
    if (/["“‘'(\[]\s*$/u.test(before) || this.capitalisedBefore(before)) return false;
    if (/^(?:['’]s)?\s+(?:(?:of|for|&)\s+)?(?:\p{Lu}|\p{N})/u.test(after) && !/^['’]s\s+\p{Lu}/u.test(after)) return false;
    // Across "and", the other word must be a name too ("Zeus and Hera", not "Planning and Landscape").
    const other = /(\p{Lu}[\p{L}'’-]*)\s+and\s+$/u.exec(before)?.[1] ?? /^\s+and\s+(\p{Lu}[\p{L}'’-]*)/u.exec(after)?.[1];
    return other === undefined || (/^\p{Lu}\p{Ll}+$/u.test(other) && !isEnglishWord(other) && !this.notLoneName(other));
  }

  /** Does a capitalised word other than an article ("The Katherinator") end this text, perhaps with "of" or "for" after it? */
  private capitalisedBefore(before: string): boolean {
    const w = /(?:^|[^\p{L}])(\p{Lu}[\p{L}.'’-]*)\s+(?:(?:of|for|&)\s+)?$/u.exec(before)?.[1];
    return w !== undefined && !/^(?:the|an?)$/iu.test(w);
  }

  /**
   * The type of a lone name, from the words around it: a place after "in", "near" or "the town of", or before a
   * comma and a known place ("Evanston, Illinois"); an organisation before "'s" and a name ("Demosisto's Nathan
   * Law") or after "the" ("The Commonwealth will", not "the Monti government"); otherwise a person.
   */
  private loneNameType(m: Mention, text: string): EntityType {
    const after = text.slice(m.end, m.end + 40);
    if (this.placeContext(m, text)) return 'place';
    if (/^['’]s\s+\p{Lu}/u.test(after)) return 'organization';
    // "The Commonwealth will", "the Guardian cited": an organisation; not a modifier ("the Monti government").
    const next = /^\s+(\p{Ll}+)/u.exec(after)?.[1];
    if (/(?:^|[^\p{L}])the\s+$/iu.test(text.slice(Math.max(0, m.start - 5), m.start)) && (next === undefined || isEnglishWord(next))) return 'organization';
    return 'person';
  }

  /** Is a mention after "in", "near" or "the town of", or before a comma and a known place ("Evanston, Illinois")? */
  private placeContext(m: Mention, text: string): boolean {
    const comma = /^,\s+(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)/u.exec(text.slice(m.end, m.end + 40));
    return this.placeBefore.test(text.slice(Math.max(0, m.start - 30), m.start)) || (comma !== null && (this.isPlace(comma[1]!) || this.isPlace(comma[1]!.split(/\s+/u)[0]!)));
  }

  private initialsOf(name: string): string {
    return name.split(/\s+/u).filter(w => !this.connectors.has(w.toLowerCase())).map(w => w[0]!.toUpperCase()).join('');
  }

  /** A person's name without honorifics: an entity's name is the name, the honorific stays an alias. */
  private bareName(name: string): string {
    const t = name.split(/\s+/u);
    let i = 0;
    while (i < t.length - 1 && this.honorifics.has(t[i]!)) i++;
    return t.slice(i).join(' ');
  }

  private isPlace(name: string): boolean {
    return this.places.has(name) || this.placeAliases.has(name);
  }

  /**
   * The type the word lists give a candidate, or null. A document asks about a name a hundred times or more (each
   * candidate run, its parts, its sides of "and" and "of"), and the answer depends on the name and the lists alone.
   */
  private readonly typeOf = memo((name: string) => this.listedType(name));

  private listedType(name: string): EntityType | null {
    const toks = name.split(/\s+/u);
    const last = toks[toks.length - 1]!;
    // A letter and a number names a group ("G20", "C40"); more letters name a product ("PS5", "IE9").
    if (/^\p{Lu}\d{1,3}$/u.test(name)) return 'organization';
    if (/^\p{Lu}\p{Ll}+\p{Lu}\p{L}*$/u.test(name)) return 'organization';
    if (/^COP\d+$/u.test(name) || this.eventNames.has(name) || (toks.length >= 2 && (this.eventWords.has(last) || this.eventWords.has(toks.slice(-2).join(' '))))) return 'event';
    // A newspaper is an organisation though a city names it ("Toronto Star").
    if (toks.length >= 2 && this.pressTitles.has(last)) return 'organization';
    // A place word last names a place even after an organisation's name ("Kennedy Space Center Visitor Complex",
    // "Wright-Patterson Air Force Base"); an organisation head last, or a place after "of" ("Department of
    // Tourism of Hainan Province"), names an organisation.
    const placeLast = toks.length >= 2 && (this.placeWords.has(last) || this.placeWords.has(toks.slice(-2).join(' ')));
    if (placeLast && !this.orgHeads.has(last) && !this.orgHeads.has(toks.slice(-2).join(' ')) && !toks.includes('of') && toks.slice(0, -1).some(w => this.orgHeads.has(w))) return 'place';
    // The head of "A of B" is in A: "Harbour Space Museum of Dunmore", "National Museum of the Air Force" are places.
    const of = toks.indexOf('of');
    if (of >= 2 && this.placeWords.has(toks[of - 1]!) && !this.orgHeads.has(toks[of - 1]!)) return 'place';
    if (toks.length >= 2 && toks.some((w, i) => this.orgHeads.has(w) || (i + 1 < toks.length && this.orgHeads.has(`${w} ${toks[i + 1]}`)))) return 'organization';
    if (this.isPlace(name)) return 'place';
    if (toks.length >= 2 && (this.placeWords.has(last) || this.placeWords.has(toks.slice(-2).join(' ')))) return 'place';
    if (toks.length >= 2 && toks.length <= 3 && this.familyFirst.has(toks[0]!) && toks.slice(1).every(w => /^\p{Lu}\p{Ll}/u.test(w) && !this.isPlace(w))) return 'person';
    // "Hui Chi-fung", "Junius Ho": a hyphenated given name, or a family name last after a given name.
    if (toks.length === 2 && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(toks[1]!) && /^\p{Lu}\p{Ll}+$/u.test(toks[0]!)) return 'person';
    if (toks.length === 2 && this.familyFirst.has(toks[1]!) && /^\p{Lu}\p{Ll}+$/u.test(toks[0]!) && !this.isPlace(toks[0]!)) return 'person';
    return null;
  }

  /** Capitalised runs of every block, cleaned: leading function words and title words off, possessives off. */
  private mentionsOf(doc: ParsedDocument): Mention[] {
    const out: Mention[] = [];
    const text = doc.text;
    for (const b of doc.blocks) {
      const heading = b.kind !== 'paragraph';
      const starts = new Set(doc.sentences.filter(s => s.start >= b.start && s.start < b.end).map(s => s.start));
      const seg = text.slice(b.start, b.end);
      const toks: { w: string; s: number; e: number; cut: boolean }[] = [];
      TOKEN.lastIndex = 0;
      for (let m = TOKEN.exec(seg); m; m = TOKEN.exec(seg)) {
        // A trailing hyphen, a sentence's period, "-based" end a name; an abbreviation keeps its period.
        // (A document has hundreds of tokens: plain string tests stand in for patterns where they say the same.)
        let w = m[0].includes('-') ? m[0].replace(this.nameSuffix, '').replace(/-+$/u, '') : m[0];
        if (w.endsWith('.') && !/^(?:\p{Lu}\.)+$|^(?:\p{L}\.){2,}$/u.test(w) && !this.abbreviations.has(w)) w = w.slice(0, -1);
        toks.push({ w, s: b.start + m.index, e: b.start + m.index + w.length, cut: w.length < m[0].length || possessive(w) });
      }
      let i = 0;
      while (i < toks.length) {
        if (!startsUpper(toks[i]!.w) && !/^\p{N}+$/u.test(toks[i]!.w)) { i++; continue; }
        let j = i + 1;
        // A possessive or a trailing hyphen ends a name: "Southwest China's Chongqing Municipality", "Chongqing- ".
        while (j < toks.length && !toks[j - 1]!.cut) {
          const gap = text.slice(toks[j - 1]!.e, toks[j]!.s);
          // Commas continue a list inside an office's name ("Department of Tourism, Culture, Radio, ...").
          const listed = /^,[ ]$/u.test(gap) && /^(?:Department|Ministry|Bureau|Office|Commission|Committee|Administration)$/u.test(toks[i]!.w) && /^\p{Lu}/u.test(toks[j]!.w);
          if ((!/^[ \t\u00a0]+$/u.test(gap) && !listed)) break;
          if (/^\p{Lu}/u.test(toks[j]!.w)) { j++; continue; }
          // A small number between capitalised words belongs to the name ("Movimento 5 Stelle"), not after a month.
          if (/^\d{1,2}$/u.test(toks[j]!.w) && j + 1 < toks.length && /^\p{Lu}\p{Ll}/u.test(toks[j + 1]!.w) && /^[ ]$/u.test(text.slice(toks[j]!.e, toks[j + 1]!.s)) &&
            !this.months.has(toks[j - 1]!.w) && !this.weekdays.has(toks[j - 1]!.w)) { j += 2; continue; }
          // Connectors inside a name, when a capitalised word follows ("Ministry of Commerce").
          let k = j;
          while (k < toks.length && this.connectors.has(toks[k]!.w) && /^[ \t\u00a0]+$/u.test(text.slice(toks[k - 1]!.e, toks[k]!.s))) k++;
          // "the" alone joins no names ("Rathbun the Scientology spokesman"); "of the" does.
          if (k > j && k < toks.length && !(k === j + 1 && toks[j]!.w === 'the') && /^\p{Lu}/u.test(toks[k]!.w) && /^[ \t\u00a0]+$/u.test(text.slice(toks[k - 1]!.e, toks[k]!.s))) { j = k + 1; continue; }
          break;
        }
        if (!this.isWorkTitle(text, toks[i]!.s)) this.clean(toks.slice(i, j), starts.has(toks[i]!.s), heading, out, text);
        i = j;
      }
    }
    return out;
  }

  private clean(run: { w: string; s: number; e: number }[], sentenceStart: boolean, heading: boolean, out: Mention[], text: string): void {
    let a = 0, b = run.length;
    let atStart = sentenceStart;
    const whole = (x: number) => text.slice(run[x]!.s, run[b - 1]!.e);
    // Words that open a sentence or a phrase but name nothing ("The", "In", "Data", "Pro-Beijing"), and numbers; kept when the
    // whole run is a name the lists know ("New South Wales", "Two Sessions").
    while (a < b && (this.leading.has(run[a]!.w.toLowerCase()) || this.adjectivePrefix.test(run[a]!.w) || (/^\p{N}+$/u.test(run[a]!.w) && a + 1 < b && !this.isPlace(whole(a))) ||
      ((this.notNames.has(run[a]!.w) || /^\p{N}+$/u.test(run[a]!.w) || this.connectors.has(run[a]!.w.toLowerCase())) && this.typeOf(whole(a)) === null))) { a++; atStart = false; }
    while (b > a && this.connectors.has(run[b - 1]!.w.toLowerCase())) b--;
    if (a >= b) return;
    // Programmes, plans, laws and times are not entities ("Belt and Road Initiative", "Pacific Time").
    // A person's surname may be such a word ("Nathan Law").
    const personal = b - a === 2 && isFirstName(run[a]!.w);
    if (!personal && (this.notHeads.has(run[b - 1]!.w) || (b - a >= 2 && this.notHeads.has(`${run[b - 2]!.w} ${run[b - 1]!.w}`)))) return;
    // A run in capitals of several words is a label or a heading ("MINISTER FOR CLIMATE AND ENERGY").
    if (b - a >= 2 && run.slice(a, b).every(t => t.w === t.w.toUpperCase()) && !this.isPlace(whole(a))) return;
    // Title words split a run: "EPA Deputy Administrator Marisa Thornquist" is EPA and Marisa Thornquist.
    for (let k = a; k < b; k++) {
      const w = run[k]!.w.replace(/[.,]$/u, '');
      const two = k + 1 < b ? `${w} ${run[k + 1]!.w}` : '';
      if (this.titles.has(w) || (two && this.titles.has(two))) {
        let e = k + 1;
        while (e < b && (this.titles.has(run[e]!.w.replace(/[.,]$/u, '')) || this.connectors.has(run[e]!.w.toLowerCase()))) e++;
        if (k > a) this.clean(run.slice(a, k), atStart, heading, out, text);
        if (e < b) this.clean(run.slice(e, b), false, heading, out, text);
        return;
      }
    }
    // A capitalised article or preposition inside a run starts a new one ("Elizabeth Quat In the New Territories").
    // Not a first name's surname that is such a word ("James To of the Democratic Party", "Wilson Or was elected").
    const surname = (k: number) => k === a + 1 && (k + 1 === b || run[k + 1]!.w === 'of') && (isFirstName(run[a]!.w) || nameType(`${run[a]!.w} ${run[k]!.w}`) === 'person');
    const mid = run.slice(a + 1, b).findIndex((t, i) => /^\p{Lu}/u.test(t.w) && this.leading.has(t.w.toLowerCase()) && !surname(a + 1 + i));
    if (mid >= 0) {
      this.clean(run.slice(a, a + 1 + mid), atStart, heading, out, text);
      this.clean(run.slice(a + 1 + mid, b), false, heading, out, text);
      return;
    }
    // "Harlow University of the UK": a country's short form after "of the" says where an organisation is; it is
    // not part of the name ("Bank of the Philippine Islands" is).
    if (b - a >= 5 && run[b - 3]!.w === 'of' && run[b - 2]!.w === 'the' && /^(?:\p{Lu}\.?){2,3}$/u.test(run[b - 1]!.w) && this.isPlace(run[b - 1]!.w) &&
      this.typeOf(text.slice(run[a]!.s, run[b - 4]!.e)) === 'organization') {
      this.clean(run.slice(a, b - 3), atStart, heading, out, text);
      this.clean(run.slice(b - 1, b), false, heading, out, text);
      return;
    }
    // "Cheng Chung-tai of Civic Passion": a person of an organisation is two names.
    const of = run.slice(a, b).findIndex(t => t.w === 'of');
    const leftOf = of > 0 ? text.slice(run[a]!.s, run[a + of - 1]!.e) : '';
    if (of > 0 && (this.typeOf(leftOf) === 'person' || (this.typeOf(leftOf) === null && this.isPersonName(leftOf)))) {
      this.clean(run.slice(a, a + of), atStart, heading, out, text);
      this.clean(run.slice(a + of + 1, b), false, heading, out, text);
      return;
    }
    // "Tarnby of the Harlow Island": a single word that is no head nor English word, before "of the" and a place, is
    // a place in another ("Bank of the West", "Republic of the Congo" stay whole).
    const lead = run[a]!.w;
    if (of === 1 && b - a >= 4 && run[a + 2]!.w === 'the' && this.typeOf(text.slice(run[a + 3]!.s, run[b - 1]!.e)) === 'place' &&
      !this.orgHeads.has(lead) && !this.placeWords.has(lead) && !isEnglishWord(lead) && !writesLower(this.words, lead) && !isFirstName(lead)) {
      this.clean(run.slice(a, a + 1), atStart, heading, out, text);
      this.clean(run.slice(a + 3, b), false, heading, out, text);
      return;
    }
    // A place followed by a person's name ("United States Hamdullah Mohib") is two names.
    for (let k = a + 1; k < b; k++) {
      const rest = text.slice(run[k]!.s, run[b - 1]!.e);
      const restType = this.typeOf(rest);
      if (this.isPlace(text.slice(run[a]!.s, run[k - 1]!.e)) && !this.connectors.has(run[k]!.w) && (isFirstName(run[k]!.w) || (b - k >= 2 && (restType === null || restType === 'person') && !this.isPlace(text.slice(run[a]!.s, run[b - 1]!.e))))) {
        this.clean(run.slice(a, k), atStart, heading, out, text);
        this.clean(run.slice(k, b), false, heading, out, text);
        return;
      }
    }
    // An organisation followed by a person's name ("NASA Bill Ingalls", "Refugee Council Enver Solomon") is two
    // names: the person is the last two or three words, a name of its own (see personAfterOrganisation).
    for (let k = b - 2; k >= Math.max(a + 1, b - 3); k--) {
      if (isFirstName(run[k - 1]!.w) || !this.personAfterOrganisation(run.slice(a, b), k - a, text)) continue;
      this.clean(run.slice(a, k), atStart, heading, out, text);
      this.clean(run.slice(k, b), false, heading, out, text);
      return;
    }
    // A compound of a single capital letter ("T-shirt", "X-ray") after a name is a thing, not part of the name.
    while (b - a > 1 && /^\p{Lu}-\p{Ll}+$/u.test(run[b - 1]!.w)) b--;
    // Caption words after a name ("Image", "Photo") are not part of it.
    while (b - a > 1 && this.notNames.has(run[b - 1]!.w) && !this.connectors.has(run[b - 1]!.w) && !surname(b - 1)) b--;
    // Trailing words the text also writes in lower case are not part of a name ("Ahmed Mohamed Image").
    while (b - a > 2 && (this.isPersonName(text.slice(run[a]!.s, run[b - 2]!.e)) || this.isPlace(text.slice(run[a]!.s, run[b - 2]!.e))) && writesLower(this.words, run[b - 1]!.w)) b--;
    // "Hong Kong and Macao", "Penang and Oregon": "and" joins two names unless the whole is an organisation or event.
    // "and the" parts a list before any other "and" ("the Ministry of Trade and Industry and the Department of Mines").
    const andThe = run.slice(a, b - 1).findIndex((t, i) => t.w === 'and' && run[a + i + 1]!.w === 'the');
    const and = andThe > 0 ? andThe : run.slice(a, b).findIndex(t => t.w === 'and' || t.w === '&');
    if (and > 0) {
      const whole = text.slice(run[a]!.s, run[b - 1]!.e);
      const t = this.typeOf(whole);
      // Two names of their own on both sides ("the Civic Party and the Democratic Party") are two names too.
      const left = text.slice(run[a]!.s, run[a + and - 1]!.e);
      const theRight = /^the\s/iu.test(text.slice(run[a + and + 1]!.s, run[b - 1]!.e));
      const right = text.slice(run[a + and + 1]!.s, run[b - 1]!.e).replace(/^the\s+/iu, '');
      // A side is a name of its own when it ends in an organisation head or place word, is a known place, or is a person.
      const own = (s: string, other: string) => {
        const last = s.split(/\s+/u).at(-1)!;
        const words = s.split(/\s+/u);
        // An organisation head before "of" counts too ("Harlow Institute of Oceanography"), when the other side is no
        // single field of work ("Department of Industry and Information Technology").
        const headOf = words.length >= 3 && words.indexOf('of') >= 1 && this.orgHeads.has(words[words.indexOf('of') - 1]!);
        // Common words alone, which the text also writes in lower case ("Art Gallery" of "Harbour Museum and Art
        // Gallery" beside "the art gallery"), name nothing of their own unless "the" opens them.
        if (s === right && !theRight && words.every(w => writesLower(this.words, w) || this.connectors.has(w))) return false;
        return this.isPlace(s) || this.isPersonName(s.replace(/\s+of\s.*$/u, '')) || (headOf && other.split(/\s+/u).length >= 3) || (words.length >= 2 && (this.orgHeads.has(last) || this.placeWords.has(last) || this.pressTitles.has(last)));
      };
      // Two places after "of" are one name's ("Fisheries Board of Norway and Iceland").
      const ofPlace = /\sof\s+(?:the\s+)?(.+)$/u.exec(left)?.[1];
      const placesOf = ofPlace !== undefined && this.isPlace(ofPlace) && this.isPlace(right) && !this.isPlace(left);
      // A place word last holds the whole together too ("Air and Space Museum"), unless both sides are names.
      if (!placesOf && ((t !== 'organization' && t !== 'event' && t !== 'place') || (own(left, right) && own(right, left) && (t === 'place' || this.typeOf(right) !== 'place')))) {
        this.clean(run.slice(a, a + and), atStart, heading, out, text);
        this.clean(run.slice(a + and + 1, b), false, heading, out, text);
        return;
      }
    }
    const first = run[a]!, last = run[b - 1]!;
    let name = text.slice(first.s, last.e).replace(/\s+/gu, ' ');
    if (/['’]s$/u.test(name)) name = name.slice(0, -2);
    else if (/s['’]$/u.test(name)) name = name.slice(0, -1); // "Thomas' sister"
    name = name.replace(/[.]$/u, m => (/\b\p{Lu}\.$/u.test(name) || /^(?:\p{Lu}\.)+$/u.test(name) ? m : ''));
    if (!name || name.length < 2) return;
    out.push({ text: name, start: first.s, end: first.s + name.length, sentenceStart: atStart, heading });
  }
}

