/**
 * pressmill explain: records by sentence with their rules, and every number no record holds with the rules
 * that came closest and what stopped them; extract's summary counts those numbers and names idle rules.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainText } from '../dist/explain.js';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { readFileSync } from 'node:fs';
import { run, tmp } from './helpers.js';

// The press release the project started from (../shared/seeds), kept here so the tests run in any clone.
const SEED = 'test/fixtures/seed/000_5b9e8a25f40d3e0a.txt';

describe('explain on the seed', () => {
  const e = explainText(readFileSync(SEED, 'utf8'), loadRules(BUNDLED_RULES), { docId: 'seed', path: 'seed.txt', markdown: false, referenceDate: null });
  it('leaves unclaimed only numbers the dataset should not hold: COVID-19 and 5G', () => {
    expect(e.unclaimed.map(u => u.text)).toEqual(['19', '5']);
    expect(e.unclaimed[0]!.near).toEqual([{ rule: 'quantity/count', reason: 'matched "19", then excluded by exclusion/letter-hyphen-number ("D-19")' }]);
    expect(e.unclaimed[1]!.near).toEqual([{ rule: '-', reason: 'no quantity or date rule matches here' }]);
  });
  it('puts each record under its sentence with the rule that made it', () => {
    const s = e.sentences.find(x => x.records.some(r => r.table === 'targets' && r.text === 'over 6%'))!;
    expect(s.records.find(r => r.text === 'over 6%')).toMatchObject({ table: 'targets', rule: 'quantity/percent', fields: { value: 6, unit: '%', period: '2023' } });
  });
});

describe('explain shows why a rule missed a number', () => {
  const dir = tmp('pressmill-explain-');
  const rules = join(dir, 'rules');
  cpSync('rules', rules, { recursive: true });
  // A test rule that deliberately drops widget counts.
  writeFileSync(join(rules, 'zz-test.yaml'), [
    'kind: exclusion',
    'description: Test rules for explain.',
    'rules:',
    '  - id: exclusion/test-widgets',
    '    description: Counts of widgets are not quantities (a test rule).',
    `    pattern: '\\d+ widgets'`,
    '    examples:',
    '      positive:',
    '        - text: 42 widgets',
    '          expect: { text: 42 widgets }',
    '      negative: [42 tonnes]',
    '',
  ].join('\n'));
  const text = 'Title\n\nThe plant will make 42 widgets and 120 tonnes of steel by 2030.\n';
  const e = explainText(text, loadRules(rules), { docId: 'w', path: 'w.txt', markdown: false, referenceDate: '2024-01-01' });
  it('names the exclusion that dropped it and the rule it stopped', () => {
    expect(e.unclaimed).toEqual([{ text: '42', start: 27, end: 29, sentence: 2, near: [{ rule: 'quantity/count', reason: 'matched "42", then excluded by exclusion/test-widgets ("42 widgets")' }] }]);
  });
  it('keeps the numbers the rules do take', () => {
    expect(e.sentences[1]!.records.filter(r => r.table === 'targets').map(r => r.text)).toEqual(['120 tonnes']);
  });
  it('prints the same on the command line, and as JSON', async () => {
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'w.txt'), text);
    const r = await run(['explain', join(dir, 'c', 'w.txt'), '--rules', rules, '--reference-date', '2024-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('«42» in sentence 2 at 27:\n    quantity/count: matched "42", then excluded by exclusion/test-widgets ("42 widgets")');
    const j = await run(['explain', join(dir, 'c', 'w.txt'), '--rules', rules, '--reference-date', '2024-01-01', '--json']);
    expect(JSON.parse(j.stdout).unclaimed[0].near[0].rule).toBe('quantity/count');
  });
  it('extract sums unclaimed numbers over the corpus and names rules that never fired', async () => {
    const r = await run(['extract', join(dir, 'c'), '--out', join(dir, 'out'), '--rules', rules, '--reference-date', '2024-01-01', '--no-cache', '--json']);
    const s = JSON.parse(r.stdout) as { unclaimed_numbers: number; rules_never_fired: string[] };
    expect(s.unclaimed_numbers).toBe(1);
    expect(s.rules_never_fired).not.toContain('exclusion/test-widgets');
    expect(s.rules_never_fired).not.toContain('quantity/physical');
    expect(s.rules_never_fired).toContain('date/holiday');
  });
});
