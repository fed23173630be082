/**
 * Where a named group of a rule's match lies in the text. Rule patterns run without the `d` flag: with it, V8
 * builds an index array for every group of every match, and most matches are dropped before anyone asks where
 * a group is. So a group's span is worked out when it is asked for:
 *   - a group outside any lookaround lies inside the match; when its text occurs there once, that is where it is;
 *   - otherwise (the text occurs twice, as the "2" of "2 of 2", or the group sits in a lookaround) the pattern
 *     runs again with `d`, sticky at the match's start, and finds the same match: the one the engine reaches
 *     first from that start.
 * Both give the span the `d` flag would have given.
 */
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { CompiledRule } from './load.js';

export type Span = [number, number];

interface Locator {
  /** Named groups that sit inside a lookaround, so their text can lie outside the match. */
  looking: Set<string>;
  /** The pattern with `d`, sticky; made on first need. */
  sticky: RegExp | null;
}

const locators = new WeakMap<CompiledRule, Locator>();
const parser = new RegExpParser({ ecmaVersion: 2025 });

function locatorOf(rule: CompiledRule): Locator {
  let loc = locators.get(rule);
  if (loc === undefined) {
    loc = { looking: new Set(lookaroundGroups(rule)), sticky: null };
    locators.set(rule, loc);
  }
  return loc;
}

/** The named groups of a rule's pattern that sit inside a lookaround (read from the pattern's syntax tree). */
export function lookaroundGroups(rule: CompiledRule): string[] {
  const known = locators.get(rule);
  if (known) return [...known.looking];
  const looking: string[] = [];
  let depth = 0;
  visitRegExpAST(parser.parsePattern(rule.regex.source, 0, rule.regex.source.length, { unicode: rule.regex.unicode }), {
    onAssertionEnter: n => { if (n.kind === 'lookahead' || n.kind === 'lookbehind') depth++; },
    onAssertionLeave: n => { if (n.kind === 'lookahead' || n.kind === 'lookbehind') depth--; },
    onCapturingGroupEnter: n => { if (depth > 0 && n.name && !looking.includes(n.name)) looking.push(n.name); },
  });
  return looking;
}

/** Tell this thread a rule's lookaround groups, found by another (a rule set sent to a worker: snapshot.ts). */
export function setLookaroundGroups(rule: CompiledRule, names: readonly string[]): void {
  locators.set(rule, { looking: new Set(names), sticky: null });
}

/** The last match run again with `d`, and its groups' spans: callers ask about several groups of one match. */
let lastMatch: RegExpExecArray | null = null;
let lastSpans: Record<string, Span | undefined> = {};

function rerun(rule: CompiledRule, loc: Locator, m: RegExpExecArray): Record<string, Span | undefined> {
  if (m === lastMatch) return lastSpans;
  loc.sticky ??= new RegExp(rule.regex.source, rule.regex.flags.replace('g', '') + 'dy');
  loc.sticky.lastIndex = m.index;
  const again = loc.sticky.exec(m.input);
  if (again === null || again[0] !== m[0]) throw new Error(`Rule ${rule.id}: the pattern did not match again at ${m.index}`);
  lastMatch = m;
  lastSpans = (again.indices?.groups ?? {}) as Record<string, Span | undefined>;
  return lastSpans;
}

/** The span of group `name` of `m` (a match of `rule`'s pattern) in m.input; undefined when it took no part. */
export function groupSpan(rule: CompiledRule, m: RegExpExecArray, name: string): Span | undefined {
  const text = m.groups?.[name];
  if (text === undefined) return undefined;
  const loc = locatorOf(rule);
  if (!loc.looking.has(name) && text !== '') {
    const i = m[0].indexOf(text);
    if (i >= 0 && m[0].indexOf(text, i + 1) < 0) return [m.index + i, m.index + i + text.length];
  }
  return rerun(rule, loc, m)[name];
}
