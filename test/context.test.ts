/**
 * The quick focus probe of the context rules (src/extract/context.ts) only skips rules that cannot match: with
 * and without it, every metric and direction lookup over the corpus and over generated text gives the same rule
 * and the same match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, loadRules } from '../dist/index.js';
import { firstMatch, mask, splitAtFocus, withoutPhrases } from '../dist/extract/context.js';
import { findQuantities } from '../dist/extract/quantities.js';
import { FOCUS } from '../dist/rules/load.js';

const rules = loadRules(BUNDLED_RULES);

describe('splitAtFocus', () => {
  it('splits a pattern at a focus at its top level', () => {
    expect(splitAtFocus(`(?<metric>\\w+) rose ${FOCUS} in`)).toEqual(['(?<metric>\\w+) rose ', ' in']);
  });
  it('refuses a focus inside a group, one branch of an alternation, or twice', () => {
    expect(splitAtFocus(`(?:a${FOCUS})`)).toBeNull();
    expect(splitAtFocus(`a|b${FOCUS}`)).toBeNull();
    expect(splitAtFocus(`a${FOCUS}b${FOCUS}`)).toBeNull();
  });
  it('reads classes and escapes as they are', () => {
    expect(splitAtFocus(`[(|]x\\(${FOCUS}`)).toEqual(['[(|]x\\(', '']);
    expect(splitAtFocus(`[${FOCUS}]`)).toBeNull();
  });
});

/** Every metric and direction lookup of a sentence, with the probes and without. */
function lookups(sentence: string): [unknown, unknown][] {
  const { quantities } = findQuantities(sentence, 0, rules);
  const out: [unknown, unknown][] = [];
  for (const q of quantities) {
    const masked = mask(sentence, 0, q, quantities);
    for (const kind of ['metric', 'direction'] as const) {
      const key = (h: ReturnType<typeof firstMatch>) => (h ? [h.rule.id, h.m.index, h.m[0]] : null);
      out.push([key(firstMatch(kind, masked, q, rules)), key(firstMatch(kind, masked, q, rules, undefined, 'paragraph', false))]);
    }
  }
  return out;
}

describe('the focus probe', () => {
  it('changes no lookup over the corpus', () => {
    let n = 0;
    for (const f of readdirSync('corpus')) {
      for (const line of readFileSync(`corpus/${f}`, 'utf8').split(/(?<=[.!?])\s+|\n+/u)) {
        for (const [a, b] of lookups(line)) { expect(a).toEqual(b); n++; }
      }
    }
    expect(n).toBeGreaterThan(300);
  });

  const words = ['revenue', 'rose', 'fell', 'by', 'to', 'of', 'the', 'share', 'emissions', 'cut', 'reach', 'will', 'accounted', 'for', 'in', 'and', ',', 'compared', 'with', 'Sales', 'jobs', 'increased', 'target', 'below', 'above', 'more than'];
  const amount = fc.constantFrom('5%', '$3 million', '1,200 jobs', '40 per cent', '2.5 billion yuan', '12 tonnes');
  it('changes no lookup over generated sentences', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...words), amount), { minLength: 2, maxLength: 24 }), parts => {
      for (const [a, b] of lookups(parts.join(' ') + '.')) expect(a).toEqual(b);
    }), { numRuns: 400, seed: 7 });
  });
});

describe('withoutPhrases', () => {
  it('reads each named group as any text, keeping the words around it', () => {
    expect(withoutPhrases(`(?<metric>\\w+(?:\\s\\w+)*) rose ${FOCUS}`)).toBe(`(?:[^]*?) rose ${FOCUS}`);
    expect(withoutPhrases('cut (?<metric>[()]+\\)) by (?:x)')).toBe('cut (?:[^]*?) by (?:x)');
  });
  it('leaves lookbehinds, lookaheads, plain groups and escaped brackets alone', () => {
    expect(withoutPhrases('(?<=a)(?<!b)(?:c)(d)\\(?<e>')).toBe('(?<=a)(?<!b)(?:c)(d)\\(?<e>');
  });
  it('gives up on a pattern that refers back to a group', () => {
    expect(withoutPhrases('(?<w>a)\\k<w>')).toBeNull();
  });
});
