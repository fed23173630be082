/**
 * The trigger words of a pattern: a set of strings of which every text the pattern matches in holds at least one
 * ("said|says|added|..." for a speech-verb rule, the ten digits for a number rule). A sentence holding none of a
 * rule's triggers cannot match it, so the rule is not run there; which sentences hold which triggers is found
 * for all rules at once, in one pass over the sentence (TriggerScanner). The sets are derived from the compiled
 * pattern itself, so a rule author writes nothing for them and they cannot disagree with the pattern.
 *
 * Derivation, on the pattern's syntax tree (regexpp): a character is itself; a small character class is its
 * characters; a sequence's strings are the products of its consecutive fixed parts ("s" "a" "i" "d" → "said"),
 * and the sequence's triggers are the most selective of those or of any one part's own; an alternation's are
 * the union of every branch's (a branch with none gives the alternation none); a part that may be absent
 * (`?`, `*`, `{0,n}`) gives none; a positive lookaround's content must stand in the text too, so it may serve.
 * Strings hold ASCII characters in lower case and characters that have no case (punctuation, symbols, the
 * sentinels quantities and quotations are masked with); anything else (a letter "é", `\s`, `\p{L}`, `.`)
 * stands for "no trigger". Case folding makes a case-sensitive pattern's triggers weaker, never wrong.
 *
 * A pattern made of a sequence needs each of its parts, so it may have several trigger sets, all of which a
 * text must hold ("a number" and "a unit"); a pattern of plain strings and no lookaround (a `when.contains`
 * test such as "quarter|half") matches exactly where its strings stand, so its triggers are the test itself.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** Most strings a set may hold while it is built by products; a larger set is given up as "no trigger". */
const CAP = 400;
/** Most characters a class may stand for and still give triggers ("[ap]" does, "[a-z]" does not). */
const CLASS_CAP = 12;
/** Most trigger sets a pattern keeps: each more is one more test per text, for less and less gain. */
const MAX_SETS = 3;

type Strings = Set<string>;
/**
 * What a part of a pattern says: every string it can match (when few), its best triggers (null: none), and
 * for a sequence every trigger set it needs (all must stand in the text). `pure` when it is made of
 * characters alone (no lookaround, no back-reference), so that it matches exactly where an exact string stands.
 */
interface Facts { exact: Strings | null; triggers: Strings | null; needs?: Strings[]; aside?: Strings | null; pure: boolean }

const NONE: Facts = { exact: null, triggers: null, pure: false };
const ZERO_WIDTH: Facts = { exact: new Set(['']), triggers: null, pure: false };

/**
 * A code point as a trigger character: ASCII in lower case, or a character of the Basic Multilingual Plane
 * that has no case (no other character matches it in a case-insensitive pattern); null for any other.
 */
function foldCodePoint(cp: number): string | null {
  if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
  if (cp < 128) return String.fromCharCode(cp);
  if (cp > 0xffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  const c = String.fromCharCode(cp);
  return CASELESS.test(c) && c.toLowerCase() === c && c.toUpperCase() === c ? c : null;
}
/** Punctuation, symbols, spaces, digits and private-use characters (with the case test above: caseless ones). */
const CASELESS = /^[\p{P}\p{S}\p{Zs}\p{Nd}\p{Co}]$/u;

/** How often a set's strings are expected in a text (rough: a string of n characters as 8^-n); lower is better. */
function cost(set: Strings): number {
  let c = 0;
  for (const s of set) c += 8 ** -s.length;
  return c;
}

const usable = (s: Strings | null | undefined): s is Strings => !!s && s.size > 0 && !s.has('');
const better = (a: Strings | null, b: Strings | null): Strings | null => (a === null ? b : b === null ? a : cost(b) < cost(a) ? b : a);
/** A part's best triggers: its exact strings when they serve and are no worse than its triggers. */
const best = (f: Facts): Strings | null => better(f.triggers, usable(f.exact) ? f.exact : null);
/** Every trigger set a part needs. */
const needsOf = (f: Facts): Strings[] => f.needs ?? (best(f) ? [best(f)!] : []);

function product(a: Strings, b: Strings): Strings | null {
  if (a.size * b.size > CAP) return null;
  const out: Strings = new Set();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

class Analysis {
  /** Facts by a part's source text: word lists recur many times within and across patterns. */
  private readonly memo = new Map<string, Facts>();
  /** Facts of the stand-in characters (TriggerFinder.define). */
  readonly placeholders = new Map<number, Facts>();

  of(n: AST.Node): Facts {
    let f = this.memo.get(n.raw);
    if (f === undefined) { f = this.compute(n); this.memo.set(n.raw, f); }
    return f;
  }

  alternation(alternatives: AST.Alternative[]): Facts {
    const parts = alternatives.map(a => this.sequence(a));
    if (parts.length === 1) return parts[0]!;
    let exact: Strings | null = new Set();
    for (const p of parts) {
      if (!p.exact || exact.size + p.exact.size > CAP) { exact = null; break; }
      for (const s of p.exact) exact.add(s);
    }
    let triggers: Strings | null = new Set();
    for (const p of parts) {
      const t = best(p);
      if (!t) { triggers = null; break; }
      for (const s of t) triggers.add(s);
    }
    return { exact, triggers: triggers?.size ? triggers : null, pure: parts.every(p => p.pure) };
  }

  private sequence(a: AST.Alternative): Facts {
    const cached = this.memo.get(a.raw);
    if (cached) return cached;
    const needs: Strings[] = [];
    let run: Strings | null = new Set(['']);
    let whole: Strings | null = new Set(['']);
    let pure = true;
    for (const el of a.elements) {
      const f = this.of(el);
      needs.push(...needsOf(f));
      if (f.aside) needs.push(f.aside);
      const joined: Strings | null = f.exact && run ? product(run, f.exact) : null;
      if (joined) run = joined;
      else {
        if (usable(run)) needs.push(run);
        run = f.exact ?? new Set(['']);
      }
      whole = f.exact && whole ? product(whole, f.exact) : null;
      pure &&= f.pure;
    }
    if (usable(run)) needs.push(run);
    const out: Facts = { exact: whole, triggers: needs.reduce<Strings | null>(better, null), needs, pure: pure && whole !== null };
    this.memo.set(a.raw, out);
    return out;
  }

  private compute(n: AST.Node): Facts {
    switch (n.type) {
      case 'Character': {
        const named = this.placeholders.get(n.value);
        if (named) return named;
        const c = foldCodePoint(n.value);
        return c === null ? NONE : { exact: new Set([c]), triggers: null, pure: true };
      }
      case 'CharacterClass': {
        const chars = n.negate ? null : classChars(n.elements);
        return chars?.size ? { exact: chars, triggers: null, pure: true } : NONE;
      }
      case 'CharacterSet':
        return n.kind === 'digit' && !n.negate ? { exact: new Set('0123456789'), triggers: null, pure: true } : NONE;
      case 'Group':
      case 'CapturingGroup':
        return this.alternation(n.alternatives);
      case 'Quantifier': {
        const f = this.of(n.element);
        if (n.max <= 1) return n.min === 0 ? { exact: f.exact ? new Set([...f.exact, '']) : null, triggers: null, pure: f.pure } : f;
        return { exact: null, triggers: n.min >= 1 ? best(f) : null, needs: n.min >= 1 ? needsOf(f) : [], pure: false };
      }
      case 'Assertion':
        // A lookaround matches no characters; a positive one's content stands in the text all the same.
        if ((n.kind === 'lookahead' || n.kind === 'lookbehind') && !n.negate) return { ...ZERO_WIDTH, aside: best(this.alternation(n.alternatives)) };
        return ZERO_WIDTH;
      default:
        // Back-references and anything else: no facts.
        return NONE;
    }
  }
}

function classChars(elements: AST.CharacterClassElement[]): Strings | null {
  const out: Strings = new Set();
  for (const e of elements) {
    if (e.type === 'Character') {
      const c = foldCodePoint(e.value);
      if (c === null) return null;
      out.add(c);
    } else if (e.type === 'CharacterClassRange') {
      if (e.max.value - e.min.value >= CLASS_CAP) return null;
      for (let cp = e.min.value; cp <= e.max.value; cp++) {
        const c = foldCodePoint(cp);
        if (c === null) return null;
        out.add(c);
      }
    } else if (e.type === 'CharacterSet' && e.kind === 'digit' && !e.negate) {
      for (const d of '0123456789') out.add(d);
    } else return null;
    if (out.size > CLASS_CAP) return null;
  }
  return out;
}

/** Whether a set adds nothing to one already kept: every string of the kept one holds a string of it. */
const implied = (set: Strings, kept: Strings) => [...kept].every(k => [...set].some(s => k.includes(s)));

/**
 * Finds the triggers of patterns; one finder for many patterns reuses what it learnt of the parts they share.
 * Patterns are read as compiled with the `u` flag (every rule's is).
 */
export class TriggerFinder {
  private readonly analysis = new Analysis();
  private readonly parser = new RegExpParser({ ecmaVersion: 2025 });
  private readonly names = new Map<string, string>();

  /** The best triggers of a pattern, sorted; null when it has none (it can match with no fixed string, as "\\p{Lu}+"). */
  of(source: string): string[] | null {
    const t = best(this.facts(source));
    return t ? [...t].sort() : null;
  }

  /**
   * The trigger sets a pattern needs, each sorted, the most selective first (at most MAX_SETS, none implied
   * by another); empty when it has none.
   */
  sets(source: string): string[][] {
    const kept: Strings[] = [];
    for (const set of [...needsOf(this.facts(source))].sort((a, b) => cost(a) - cost(b))) {
      if (kept.length === MAX_SETS) break;
      if (!kept.some(k => implied(set, k))) kept.push(set);
    }
    return kept.map(s => [...s].sort());
  }

  /**
   * The strings a case-insensitive pattern stands for, when it matches exactly where one of them stands (plain
   * strings, no lookaround: "quarter|half", "\\d"), sorted; null otherwise.
   */
  exactly(source: string): string[] | null {
    const f = this.facts(source);
    return f.pure && usable(f.exact) ? [...f.exact].sort() : null;
  }

  /**
   * A stand-in for a named part of patterns (a word list's alternation, a macro): one character that patterns
   * given to `of` may hold where the part stands, read as the part in a group. A word list inside many
   * patterns is then read once, not at every place it stands (the compiled patterns hold them hundreds of times).
   */
  define(name: string, source: () => string): string {
    let c = this.names.get(name);
    if (c === undefined) {
      const facts = this.facts(source());
      c = String.fromCodePoint(PLACEHOLDERS + this.names.size);
      this.analysis.placeholders.set(c.codePointAt(0)!, facts);
      this.names.set(name, c);
    }
    return c;
  }

  private facts(source: string): Facts {
    const ast = this.parser.parsePattern(source, 0, source.length, { unicode: true });
    return this.analysis.alternation(ast.alternatives);
  }
}

/** The first stand-in character (Supplementary Private Use Area-A, which no rule writes). */
const PLACEHOLDERS = 0xf0000;
