import { describe, expect, it } from 'vitest';
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
