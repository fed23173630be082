import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { runExamples } from '../dist/rules/examples.js';

const rules = loadRules(BUNDLED_RULES);

describe('every rule carries examples that hold', () => {
  for (const rule of rules.all()) {
    describe(rule.id, () => {
      for (const r of runExamples(rule, rules)) {
        it(`${r.positive ? 'matches' : 'does not match'}: ${r.text}`, () => {
          expect(r.problem).toBeNull();
        });
      }
    });
  }
});

describe('rule ids', () => {
  it('are unique and carry their kind as prefix', () => {
    const ids = rules.all().map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules.all()) expect(r.id.startsWith(`${r.kind}/`)).toBe(true);
  });
});

describe('a when.contains prefilter', () => {
  // A prefilter only saves time: wherever its rule's pattern matches, the prefilter must pass too. Checked on
  // every line of the corpus and on every rule example.
  const texts = [
    ...readdirSync('corpus').flatMap(f => readFileSync(`corpus/${f}`, 'utf8').split(/\n+/u)),
    ...rules.all().flatMap(r => [...r.examples.positive, ...r.examples.negative].map(e => (typeof e === 'string' ? e : e.text))),
  ];
  for (const rule of rules.all().filter(r => r.prefilter)) {
    it(`never refuses a text ${rule.id} matches`, () => {
      const refused: string[] = [];
      for (const t of texts) {
        rule.regex.lastIndex = 0;
        if (rule.regex.test(t) && !rule.prefilter!.test(t)) refused.push(t);
      }
      expect(refused).toEqual([]);
    });
  }
});

describe('the person_name macro', () => {
  // A capitalised word is written so that it can be read one way only: "\p{Lu}[\p{Ll}\p{Lu}'’-]*\p{Ll}[\p{Ll}'’-]*"
  // reads a word of n letters n ways, and five such words before a failing cue were tried in every combination
  // (the rule attribution/name-said-that spent three quarters of its time there). The unambiguous form must
  // match exactly what the plain form matches, in every place and with every continuation.
  const plainWord = "\\p{Lu}[\\p{Ll}\\p{Lu}'’-]*\\p{Ll}[\\p{Ll}'’-]*";
  const word = "\\p{Lu}[\\p{Lu}'’-]*\\p{Ll}(?:[\\p{Ll}'’-]|\\p{Lu}[\\p{Lu}'’-]*\\p{Ll})*";
  const macro = rules.macro('person_name');
  it('holds the unambiguous word form and not the plain one', () => {
    expect(macro.split(word).length - 1).toBe(2);
    expect(macro.includes(plainWord)).toBe(false);
  });
  it('matches what the plain word form matches, with every continuation', () => {
    const plain = macro.split(word).join(plainWord);
    const text = fc.array(fc.constantFrom('A', 'B', 'a', 'b', 's', "'", '’', '-', ' ', ' ', ',', '.', 'Dr', 'Mr.', 'de '), { maxLength: 30 }).map(a => a.join(''));
    const tail = fc.constantFrom('', '(?![\\p{L}])', ',?[ ]+s', '[ ]+(?:a|ab|b)[ ]', '(?=,)', '[ ]+[A-Z]\\.');
    fc.assert(fc.property(text, tail, (t, after) => {
      const all = (src: string) => [...t.matchAll(new RegExp(`(?<x>${src})${after}`, 'gu'))].map(m => [m.index, m[0], m.groups!.x]);
      expect(all(macro)).toEqual(all(plain));
    }), { numRuns: 3000, seed: 7 });
  });
});
