/**
 * Group spans (src/rules/spans.ts): rule patterns run without the `d` flag, and a named group's span is worked
 * out when asked for. It must be the span the `d` flag gives, for every case that can tell them apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import type { CompiledRule } from '../dist/rules/load.js';
import { groupSpan } from '../dist/rules/spans.js';

/** A rule with just what groupSpan reads. */
const rule = (source: string, flags = 'gu') => ({ id: 'test/span', regex: new RegExp(source, flags) }) as unknown as CompiledRule;
const first = (r: CompiledRule, text: string) => { r.regex.lastIndex = 0; return r.regex.exec(text)!; };

describe('a named group’s span', () => {
  it('is where its text occurs once in the match, offset by where the match starts', () => {
    const r = rule('(?<value>\\d+) percent');
    expect(groupSpan(r, first(r, 'a cut of 40 percent'), 'value')).toEqual([9, 11]);
  });
  it('is the group’s own occurrence when its text occurs twice in the match', () => {
    const r = rule('(?:\\d+) of (?<value>\\d+)');
    const m = first(r, 'in 2 of 2 cases');
    expect(groupSpan(r, m, 'value')).toEqual([8, 9]);
  });
  it('lies outside the match for a group in a lookaround, even when its text also occurs inside', () => {
    const ahead = rule('\\d+(?= (?<unit>\\d+))');
    expect(groupSpan(ahead, first(ahead, 'x 5 5'), 'unit')).toEqual([4, 5]);
    const behind = rule('(?<=(?<cue>said) )\\w+');
    expect(groupSpan(behind, first(behind, 'she said yes'), 'cue')).toEqual([4, 8]);
  });
  it('is undefined for a group that took no part, and empty for a group that matched nothing', () => {
    const r = rule('(?<a>x)?(?<b>y*)z');
    const m = first(r, '..z');
    expect(groupSpan(r, m, 'a')).toBeUndefined();
    expect(groupSpan(r, m, 'b')).toEqual([2, 2]);
  });
  it('follows the case of the text for a case-insensitive pattern', () => {
    const r = rule('by (?<year>20\\d\\d),? (?<cue>SAID)', 'giu');
    expect(groupSpan(r, first(r, 'by 2030 said'), 'cue')).toEqual([8, 12]);
  });
  it('is the `d` flag’s for every named group of every bundled rule’s matches over the corpus', () => {
    const rules = loadRules(BUNDLED_RULES).all();
    const texts = readdirSync('corpus').sort().map(f => readFileSync(`corpus/${f}`, 'utf8'));
    let checked = 0;
    for (const r of rules) {
      const withD = new RegExp(r.regex.source, r.regex.flags + 'd');
      for (const text of texts) {
        r.regex.lastIndex = 0;
        withD.lastIndex = 0;
        for (let m = r.regex.exec(text); m; m = r.regex.exec(text)) {
          const d = withD.exec(text)!;
          expect(d.index).toBe(m.index);
          for (const name of Object.keys(m.groups ?? {})) {
            expect([r.id, name, groupSpan(r, m, name)]).toEqual([r.id, name, d.indices!.groups![name]]);
            checked++;
          }
          if (m[0] === '') { r.regex.lastIndex++; withD.lastIndex++; }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
