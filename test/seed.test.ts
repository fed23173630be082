import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, run, tmp } from './helpers.js';

// The press release the project started from (../shared/seeds), kept here so the tests run in any clone.
const SEED = 'test/fixtures/seed/000_5b9e8a25f40d3e0a.txt';
type D = { text: string; value: string; type: string; sentence: string };
type E = { name: string; type: string; aliases: string[]; mentions: number };
type S = { id: string; name: string; title: string | null; organization: string | null };
type St = { speaker_id: string; kind: string; cue: string; text: string };
type Q = { sentence: string; text: string; value: number; unit: string; comparator: string; period: string | null; metric: string | null };

describe('the seed press release, as a corpus of one file with no options', async () => {
  const dir = tmp();
  mkdirSync(join(dir, 'c'));
  copyFileSync(SEED, join(dir, 'c', 'seed.txt'));
  const r = await run(['extract', join(dir, 'c'), '--out', join(dir, 'out')]);
  const doc = readJson<{ document: { reference_date: string; reference_date_source: string }; targets: (Q & { speaker_id: string | null })[]; figures: Q[]; dates: D[]; speakers: S[]; statements: St[]; entities: E[] }>(join(dir, 'out', 'json', 'seed.json'));
  const key = (q: Q) => [q.value, q.unit, q.comparator, q.period];
  const t = doc.targets.map(key), f = doc.figures.map(key);

  it('exits 0 and infers 2023 as the reference year', () => {
    expect(r.code).toBe(0);
    expect(doc.document.reference_date).toBe('2023');
    expect(doc.document.reference_date_source).toBe('inferred');
  });
  it('holds the targets with value, unit, comparator and period', () => {
    expect(t).toContainEqual([6, '%', '>', '2023']);
    for (const v of [6, 10, 3]) expect(t).toContainEqual([v, '%', '=', null]);
    expect(t).toContainEqual([30, '', '>', '2023']);
    expect(t).toContainEqual([60, '%', '=', '2023']);
    expect(t).toContainEqual([8, '%', '=', '2023']);
    expect(t).toContainEqual([12, '%', '>', '2023']);
    expect(t.filter(k => k[0] === 50 && k[3] === '2027')).toHaveLength(2);
    expect(t.filter(k => k[0] === 500 && k[3] === '2027').length).toBeGreaterThanOrEqual(1);
  });
  it('pairs the respectively list with its metrics', () => {
    const m = doc.targets.filter(q => q.sentence.includes('respectively') && q.unit === '%').map(q => [q.value, q.metric]);
    expect(m).toEqual([[6, 'retail sales'], [10, 'fixed-asset investment'], [3, 'foreign trade']]);
  });
  it('reports the actuals as figures, not targets', () => {
    expect(f).toContainEqual([6580000, '', '=', '2022']);
    expect(f).toContainEqual([150300000000, 'CNY', '=', '2022']);
    expect(f).toContainEqual([3416000, '', '=', null]);
    expect(f).toContainEqual([16.6, '%', '=', null]);
    for (const v of [6580000, 150300000000, 3416000, 16.6]) expect(t.map(k => k[0])).not.toContain(v);
  });
  it('normalises its dates against the inferred year', () => {
    const v = (text: string) => doc.dates.filter(d => d.text === text).map(d => d.value);
    expect(v('January 14')).toEqual(['2023-01-14', '2023-01-14']);
    expect(v('this year')).toEqual(['2023', '2023']);
    expect(v('2023')).toEqual(['2023', '2023']);
    expect(v('Last year')).toEqual(['2022']);
    expect(v('2022')).toEqual(['2022']);
    expect(v('present')).toEqual(['PRESENT_REF']);
    expect(v('2027')).toEqual(['2027', '2027']);
    expect(doc.dates.filter(d => d.text === '2027').every(d => /\bby 2027/.test(d.sentence))).toBe(true);
  });
  it('names exactly two speakers with title and organisation, and three statements', () => {
    expect(doc.speakers.map(s => [s.name, s.title, s.organization])).toEqual([
      ['Zhao Baoquan', 'deputy director', 'Chongqing Development and Reform Commission'],
      ['Tu Xingyong', 'deputy director', 'Chongqing Municipal Commission of Economy and Information Technology'],
    ]);
    const [zhao, tu] = doc.speakers.map(s => s.id);
    expect(doc.statements.map(s => [s.speaker_id, s.cue])).toEqual([[zhao, 'said'], [tu, 'said'], [tu, 'said']]);
    expect(doc.statements[1]!.text.startsWith('Chongqing will concentrate')).toBe(true);
    expect(doc.speakers.map(s => s.name)).not.toContain('Chen Zhan');
    expect(doc.targets.find(q => q.value === 6 && q.comparator === '>')?.speaker_id).toBe(zhao);
  });
  it('holds its entities, typed, and no others', () => {
    const has = (n: string) => doc.entities.find(e => e.name === n || e.aliases.includes(n));
    const expected: [string, string][] = [
      ['Chongqing', 'place'], ['Southwest China', 'place'], ['Zhao Baoquan', 'person'], ['Tu Xingyong', 'person'], ['Chen Zhan', 'person'],
      ['Chongqing Development and Reform Commission', 'organization'],
      ['Chongqing Municipal Commission of Economy and Information Technology', 'organization'], ['Chongqing Two Sessions', 'event'],
    ];
    for (const [n, t] of expected) expect([n, has(n)?.type]).toEqual([n, t]);
    const matched = new Set(expected.map(([n]) => has(n)));
    expect(doc.entities.filter(e => !matched.has(e) && !/COVID/.test(e.name)).map(e => e.name)).toEqual([]);
    expect(has('Tu Xingyong')?.aliases).toContain('Tu');
  });
  it('makes nothing of "5G" or "COVID-19"', () => {
    for (const q of [...doc.targets, ...doc.figures]) expect(q.text).not.toMatch(/^(5|19)$|5G|COVID/);
    expect([...t, ...f].map(k => k[0])).not.toContain(19);
  });
});
