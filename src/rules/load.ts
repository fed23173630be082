/** Loads rules/ (word lists, macros, rules), validates it with zod and compiles every pattern; errors name file, line and rule. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { LexiconFile, MacroFile, RuleFile, RULE_KINDS, type RuleKind, type RuleSource } from './schema.js';
import { TriggerFinder } from './triggers.js';
import { TriggerScanner } from './trigger-scan.js';

/**
 * Rule patterns are large (a noun-phrase pattern holds its word lists many times over) and each runs on nearly
 * every document. V8's default compiles a pattern twice: to bytecode on its first run, to native code on its
 * second; for these patterns the first step costs more than the second, 1.2 s of a thread's 1.7 s start-up
 * (measured on the bundled rules). Compiling straight to native code changes no match, only when the cost is
 * paid. It is a process-wide setting, so it also applies to the host program's own patterns.
 */
setFlagsFromString('--no-regexp-tier-up');

/** A problem in a rule file: where it is and which rule it belongs to. */
export class RuleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly ruleId: string | null,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${ruleId ? `rule ${ruleId}: ` : ''}${reason}`);
    this.name = 'RuleError';
  }
}

/** Value of a lexicon entry. */
export type LexValue = string | number | boolean | Record<string, string | number | boolean>;

/** A word list with case-insensitive lookup. */
export class Lexicon {
  readonly map = new Map<string, LexValue>();
  constructor(readonly name: string, entries: LexiconFile['entries']) {
    if (Array.isArray(entries)) for (const e of entries) this.map.set(normKey(e), true);
    else for (const [k, v] of Object.entries(entries)) this.map.set(normKey(k), v);
  }
  /** A list from the keys and values of another list's `map` (keys already folded): a rule set sent to a thread. */
  static fromMap(name: string, entries: Iterable<[string, LexValue]>): Lexicon {
    const l = new Lexicon(name, []);
    for (const [k, v] of entries) l.map.set(k, v);
    return l;
  }
  /** The value for a surface form, matched case-insensitively with white space folded. */
  get(surface: string): LexValue | undefined {
    return this.map.get(normKey(surface));
  }
  has(surface: string): boolean {
    // A key is in folded form, so a surface equal to one is its own folded form: no need to fold it.
    return this.map.has(surface) || this.map.has(normKey(surface));
  }
  private readonly alternations = new Map<boolean, string>();

  /**
   * A regex matching any entry, spaces matching any white space, the longest entry first where several match.
   * It is written as a prefix tree ("a(?:nnounced|chieved)"), which the regex engine tries in a few steps
   * where a flat list of hundreds of words takes hundreds: word lists sit inside patterns that run at every
   * word of a text. Two entries that match at one place are prefix and extension, and the tree tries the
   * extension first, as the longest-first list did, so every pattern matches exactly as before.
   * In a case-sensitive rule (anyFirstCase) a word matches as written and with a capital first letter ("said",
   * "Said"): folding every letter would make patterns many times longer and slower for forms text rarely uses.
   */
  alternation(anyFirstCase = false): string {
    let out = this.alternations.get(anyFirstCase);
    if (out === undefined) {
      out = prefixTree([...this.map.keys()], anyFirstCase);
      this.alternations.set(anyFirstCase, out);
    }
    return out;
  }
}

/**
 * Membership in any of several word lists, as one lookup: asking each list in turn folds the word once per
 * list, and the engine asks about every capitalised word of a document this way.
 */
export function anyOf(lists: Lexicon[]): { has(surface: string): boolean } {
  const keys = new Set<string>();
  for (const l of lists) for (const k of l.map.keys()) keys.add(k);
  return { has: (surface: string) => keys.has(normKey(surface)) };
}

/** A token of an entry: one character, a word's first letter in both cases, or the white space between words. */
const GAP = '\u0000gap';

function prefixTree(keys: string[], anyFirstCase: boolean): string {
  interface TrieNode { end: boolean; kids: Map<string, TrieNode> }
  const root: TrieNode = { end: false, kids: new Map() };
  for (const k of keys) {
    let n = root;
    k.split(' ').forEach((w, i) => {
      const chars = [...w];
      const tokens = chars.map((c, j) => (j === 0 && anyFirstCase && c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escapeRegex(c)));
      for (const t of i > 0 ? [GAP, ...tokens] : tokens) {
        let next = n.kids.get(t);
        if (!next) { next = { end: false, kids: new Map() }; n.kids.set(t, next); }
        n = next;
      }
    });
    n.end = true;
  }
  const emit = (n: TrieNode): string => {
    const kids = [...n.kids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([t, c]) => (t === GAP ? '[\\s\\u00a0]+' : t) + emit(c));
    if (!kids.length) return '';
    const body = kids.length === 1 ? kids[0]! : `(?:${kids.join('|')})`;
    // Greedy: the longer entries under this node are tried before the one that ends here.
    return n.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/**
 * A surface form as a word list stores it: white space folded, lower case. Word lists are asked about the same
 * few thousand words over and over (every capitalised word of a document, in several lists), so the folded
 * forms of short words are kept; the store is emptied when it grows large, which changes nothing but speed.
 */
const folded = new Map<string, string>();
/** White space that folding changes: any but a single space between words. */
const UNFOLDED_SPACE = /[^\S ]|  |^ | $/;
const fold = (s: string) => {
  const lower = s.toLowerCase();
  return UNFOLDED_SPACE.test(lower) ? lower.replace(/[\s\u00a0]+/g, ' ').trim() : lower;
};
function normKey(s: string): string {
  // Only short forms are kept: V8 copies a substring under 13 characters, while a longer one can hold on to
  // the whole document it was cut from.
  if (s.length >= 13) return fold(s);
  let k = folded.get(s);
  if (k === undefined) {
    k = fold(s);
    if (folded.size >= 20_000) folded.clear();
    folded.set(s, k);
  }
  return k;
}
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A rule ready to run: its source fields plus the compiled pattern and where it was written. */
export interface CompiledRule extends RuleSource {
  kind: RuleKind;
  regex: RegExp;
  /** when.contains compiled: the cheap test a text must pass before the pattern runs. */
  prefilter: RegExp | null;
  /** when.contains is plain strings ("quarter|half", "\\d"): its trigger set answers for it (triggers.ts). */
  prefilterExact: boolean;
  /** A number for the prefilter's source, the same for every rule with that source (-1 without one). */
  prefilterId: number;
  /**
   * Trigger sets a text must hold before the rule runs there (see triggers.ts): the pattern's, and its
   * when.contains test's; ids into `scanner`, which finds them for all rules of the set in one pass.
   */
  triggers: number[];
  scanner: TriggerScanner | null;
  file: string;
  line: number;
}

/** Everything loaded from a rules folder. */
export interface RuleSet {
  dir: string;
  digest: string;
  lexicons: Map<string, Lexicon>;
  /** Macro patterns as written (unexpanded), by name. */
  macros: ReadonlyMap<string, string>;
  rules: Map<RuleKind, CompiledRule[]>;
  /** Lexicon by name; throws when a rule or the engine asks for one that rules/ does not define. */
  lex(name: string): Lexicon;
  /** A macro's pattern, expanded (case-sensitive use); throws when rules/ does not define it. */
  macro(name: string): string;
  all(): CompiledRule[];
}

/** The text the last rule was asked about: every rule of a kind asks about the same sentence in turn. */
let lastText = '';
/**
 * The verdicts of the prefilters already tried on the last text, by prefilter number: rules often share one.
 * A verdict counts only when its generation is the text's, so a new text needs no clearing.
 */
let generation = 0;
const verdictGeneration: number[] = [];
const verdicts: boolean[] = [];
/** Prefilter numbers by source, shared by every rule set loaded in this thread. */
const prefilterIds = new Map<string, number>();
export const prefilterIdOf = (source: string): number => {
  let id = prefilterIds.get(source);
  if (id === undefined) { id = prefilterIds.size; prefilterIds.set(source, id); verdictGeneration.push(-1); verdicts.push(false); }
  return id;
};
/** The scanner that last read the last text (it answers only for that text). */
let scannedBy: TriggerScanner | null = null;

/**
 * Whether a rule may match a text: the text holds its pattern's trigger sets and passes its when.contains
 * test. False means the pattern has no match there; true means it must be run to know.
 */
export function mayMatch(rule: CompiledRule, text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    generation++;
    scannedBy = null;
  }
  const scanner = rule.scanner;
  if (scanner !== null && rule.triggers.length) {
    if (scannedBy !== scanner) { scanner.scan(text); scannedBy = scanner; }
    for (const t of rule.triggers) if (!scanner.found(t)) return false;
  }
  const pre = rule.prefilter;
  // A test of plain strings is its trigger set, just checked.
  if (pre === null || rule.prefilterExact) return true;
  const id = rule.prefilterId;
  if (verdictGeneration[id] === generation) return verdicts[id]!;
  const v = pre.test(text);
  verdictGeneration[id] = generation;
  verdicts[id] = v;
  return v;
}

/**
 * Sentinel characters the engine writes into the masked copies of text that rules run on: U+0001 and U+0002 stand
 * for the focus quantity and the other quantities of a sentence ({{Q}} and {{OQ}}), U+0003 and U+0004 for a
 * quotation and the space between sentences of a paragraph (QUOTE and CUT in attribution.ts: {{quote}} and
 * {{cut}}). They are Latin-1 control characters so that a masked copy is stored one byte a character, which V8's
 * regex code reads about twice as fast (src/document/narrow.ts); private-use characters made every masked copy
 * two-byte. A source character that is one of them is written as SENTINEL_STAND_IN in a masked copy.
 */
export const FOCUS = '\x01';
export const OTHER = '\x02';
/** A control character no rule names, written in a masked copy for a source character that is a sentinel. */
const SENTINEL_STAND_IN = '\x05';
const SENTINEL = /[\x01-\x04]/;
/** A text to mask, its own sentinel characters (if any: a broken file) replaced so rules never read them as sentinels. */
export function withoutSentinels(text: string): string {
  return SENTINEL.test(text) ? text.replace(/[\x01-\x04]/g, SENTINEL_STAND_IN) : text;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * The digest of a rules folder (every .yaml file's relative path and bytes), as loadRules computes it,
 * without parsing or compiling anything.
 */
export function rulesDigest(dir: string): string {
  const files = listYaml(dir);
  const hash = createHash('sha256');
  for (const abs of files) hash.update(relative(dir, abs).split(sep).join('/')).update('\0').update(readFileSync(abs, 'utf8')).update('\0');
  return hash.digest('hex');
}

interface Parsed { file: string; doc: Document; lc: LineCounter; data: unknown }

function posOf(p: Parsed, path: (string | number)[]): { line: number; column: number } {
  // Walk down as far as the path exists, so an unknown or missing key points at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = p.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      // For a key that exists, point at the key itself.
      const parent = n > 0 ? p.doc.getIn(path.slice(0, n - 1), true) : p.doc.contents;
      if (n === path.length && isMap(parent)) {
        const pair = parent.items.find(it => (it.key as { value?: unknown } | null)?.value === path[n - 1]);
        const kr = (pair?.key as { range?: [number, number, number] } | null)?.range;
        if (kr) { const lp = p.lc.linePos(kr[0]); return { line: lp.line, column: lp.col }; }
      }
      const lp = p.lc.linePos(node.range[0]);
      return { line: lp.line, column: lp.col };
    }
  }
  return { line: 1, column: 1 };
}

function ruleIdAt(p: Parsed, path: (string | number)[]): string | null {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return null;
  const id = p.doc.getIn(['rules', path[1], 'id']);
  return typeof id === 'string' ? id : `#${path[1] + 1}`;
}

function zodError(p: Parsed, err: z.ZodError): RuleError {
  // An unknown key explains a missing one (a typo), so it is reported first.
  const issue = err.issues.find(i => i.code === 'unrecognized_keys') ?? err.issues[0]!;
  let path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  let reason = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    path = [...path, key];
    reason = `Unexpected field "${key}"`;
    const parent = p.doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const known = knownKeys(path);
      if (known) reason += `, expected one of ${known}`;
    }
  } else if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    reason = `Missing field "${String(path[path.length - 1])}"`;
  } else {
    reason = `${issue.message} at ${path.join('.') || 'top level'}`;
  }
  const { line, column } = posOf(p, path);
  return new RuleError(p.file, line, column, ruleIdAt(p, path), reason);
}

function knownKeys(path: (string | number)[]): string | null {
  const depth = path.length;
  if (path[0] === 'rules' && depth === 3) return 'id, description, pattern, case_sensitive, when, builds, examples';
  if (path[0] === 'rules' && path[2] === 'examples' && depth === 4) return 'positive, negative';
  if (depth === 1) return 'kind, description, rules (rule files); lexicon, description, entries (word lists); macros';
  return null;
}

/** Load, validate and compile a rules folder. Throws RuleError at the first problem. */
export function loadRules(dir: string): RuleSet {
  const files = listYaml(dir);
  if (files.length === 0) throw new RuleError(dir, 1, 1, null, 'Unexpected empty rules folder, expected .yaml rule files');
  const parsed: Parsed[] = [];
  for (const abs of files) {
    const file = relative(process.cwd(), abs).split(sep).join('/') || abs;
    const src = readFileSync(abs, 'utf8');
    const lc = new LineCounter();
    const doc = parseDocument(src, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const e = doc.errors[0];
    if (e) {
      const lp = lc.linePos(e.pos[0]);
      throw new RuleError(file, lp.line, lp.col, null, `YAML syntax error: ${e.message.split('\n')[0]}`);
    }
    parsed.push({ file, doc, lc, data: doc.toJS() });
  }

  const lexicons = new Map<string, Lexicon>();
  const macros = new Map<string, string>();
  const ruleFiles: { p: Parsed; data: z.infer<typeof RuleFile> }[] = [];
  for (const p of parsed) {
    const d = p.data as Record<string, unknown> | null;
    if (d && typeof d === 'object' && 'lexicon' in d) {
      const r = LexiconFile.safeParse(d);
      if (!r.success) throw zodError(p, r.error);
      if (lexicons.has(r.data.lexicon)) throw new RuleError(p.file, 1, 1, null, `Duplicate lexicon "${r.data.lexicon}"`);
      lexicons.set(r.data.lexicon, new Lexicon(r.data.lexicon, r.data.entries));
    } else if (d && typeof d === 'object' && 'macros' in d) {
      const r = MacroFile.safeParse(d);
      if (!r.success) throw zodError(p, r.error);
      for (const [k, v] of Object.entries(r.data.macros)) macros.set(k, v.pattern);
    } else {
      const r = RuleFile.safeParse(d);
      if (!r.success) throw zodError(p, r.error);
      ruleFiles.push({ p, data: r.data });
    }
  }

  const rules = new Map<RuleKind, CompiledRule[]>(RULE_KINDS.map(k => [k, []]));
  const seen = new Map<string, string>();
  for (const { p, data } of ruleFiles) {
    data.rules.forEach((r, i) => {
      const { line } = posOf(p, ['rules', i, 'id']);
      const prev = seen.get(r.id);
      if (prev) throw new RuleError(p.file, line, 1, r.id, `Duplicate rule id, first defined at ${prev}`);
      seen.set(r.id, `${p.file}:${line}`);
      if (!r.id.startsWith(`${data.kind}/`)) throw new RuleError(p.file, line, 1, r.id, `Unexpected id prefix, expected "${data.kind}/" in a ${data.kind} rule file`);
      let source: string;
      try {
        source = expand(r.pattern, lexicons, macros, [], !!r.case_sensitive);
      } catch (err) {
        throw new RuleError(p.file, posOf(p, ['rules', i, 'pattern']).line, 1, r.id, (err as Error).message);
      }
      let regex: RegExp;
      try {
        regex = new RegExp(source, r.case_sensitive ? 'gu' : 'giu');
      } catch (err) {
        throw new RuleError(p.file, posOf(p, ['rules', i, 'pattern']).line, 1, r.id, `Invalid pattern: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`);
      }
      let prefilter: RegExp | null = null;
      if (r.when?.contains) {
        try {
          prefilter = new RegExp(expand(r.when.contains, lexicons, macros, [], false), 'iu');
        } catch (err) {
          throw new RuleError(p.file, posOf(p, ['rules', i, 'when', 'contains']).line, 1, r.id, `Invalid when.contains: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`);
        }
      }
      rules.get(data.kind)!.push({ ...r, kind: data.kind, regex, prefilter, prefilterExact: false, prefilterId: prefilter ? prefilterIdOf(prefilter.source) : -1, triggers: [], scanner: null, file: p.file, line });
    });
  }
  // Every rule's trigger sets, numbered (a set shared by several rules once), and one scanner for them all.
  const finder = new TriggerFinder();
  const setIds = new Map<string, number>();
  const sets: string[][] = [];
  const compiled = RULE_KINDS.flatMap(k => rules.get(k)!);
  const need = (rule: CompiledRule, t: string[]) => {
    const key = t.join('\0');
    let id = setIds.get(key);
    if (id === undefined) { id = sets.length; setIds.set(key, id); sets.push(t); }
    if (!rule.triggers.includes(id)) rule.triggers.push(id);
  };
  for (const rule of compiled) {
    for (const t of finder.sets(triggerSource(rule.pattern, lexicons, macros, finder))) need(rule, t);
    if (rule.when?.contains === undefined) continue;
    const contains = triggerSource(rule.when.contains, lexicons, macros, finder);
    const exact = finder.exactly(contains);
    if (exact) { need(rule, exact); rule.prefilterExact = true; }
    else for (const t of finder.sets(contains)) need(rule, t);
  }
  const scanner = new TriggerScanner(sets);
  for (const rule of compiled) rule.scanner = scanner;
  return ruleSet(dir, rulesDigest(dir), lexicons, macros, rules);
}

/** A rule set from its loaded parts (loadRules, or a rule set sent to another thread: snapshot.ts). */
export function ruleSet(dir: string, digest: string, lexicons: Map<string, Lexicon>, macros: Map<string, string>, rules: Map<RuleKind, CompiledRule[]>): RuleSet {
  return {
    dir,
    digest,
    lexicons,
    macros,
    rules,
    lex(name) {
      const l = lexicons.get(name);
      if (!l) throw new RuleError(dir, 1, 1, null, `Missing lexicon "${name}", expected a file under rules/ with "lexicon: ${name}"`);
      return l;
    },
    macro(name) {
      if (!macros.has(name)) throw new RuleError(dir, 1, 1, null, `Missing macro "${name}", expected it in a macros file under rules/`);
      return expand(`{{${name}}}`, lexicons, macros, [], true);
    },
    all: () => RULE_KINDS.flatMap(k => rules.get(k)!),
  };
}

/**
 * A pattern as the trigger finder reads it: expanded as the compiler reads it, but each word list and macro as
 * one stand-in character (TriggerFinder.define), read once however often patterns use it.
 */
function triggerSource(pattern: string, lexicons: Map<string, Lexicon>, macros: Map<string, string>, finder: TriggerFinder): string {
  return expand(pattern, lexicons, macros, [], false, (name, source) => finder.define(name, source));
}

/**
 * Expand {{name}} macros: Q and OQ are quantity sentinels, lexicons become alternations, macros expand recursively.
 * `stand`, when given, replaces each word list and macro with what it returns for the part (named "lexicon x" or
 * "macro x", its source made only when asked).
 */
function expand(pattern: string, lexicons: Map<string, Lexicon>, macros: Map<string, string>, stack: string[], caseSensitive: boolean, stand?: (name: string, source: () => string) => string): string {
  return pattern.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (_, name: string) => {
    if (name === 'Q') return FOCUS;
    if (name === 'OQ') return OTHER;
    if (stack.includes(name)) throw new Error(`Unexpected recursive macro {{${name}}} (via ${stack.join(' > ')})`);
    const lex = lexicons.get(name);
    if (lex) {
      const source = () => `(?:${lex.alternation(caseSensitive)})`;
      return stand ? stand(`lexicon ${name}`, source) : source();
    }
    const m = macros.get(name);
    if (m !== undefined) {
      const source = () => `(?:${expand(m, lexicons, macros, [...stack, name], caseSensitive, stand)})`;
      return stand ? stand(`macro ${name}`, source) : source();
    }
    throw new Error(`Unknown macro {{${name}}}, expected a lexicon or a macro defined under rules/`);
  });
}
