import { describe, expect, it } from 'vitest';
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
