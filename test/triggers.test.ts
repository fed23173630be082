/**
 * Trigger words (src/rules/triggers.ts, trigger-scan.ts): a rule runs only on texts holding one of its
 * pattern's triggers, so a trigger set must hold a string of every text the pattern matches in.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { mayMatch } from '../dist/rules/load.js';
import { TriggerFinder } from '../dist/rules/triggers.js';
import { TriggerScanner } from '../dist/rules/trigger-scan.js';

const of = (source: string) => new TriggerFinder().of(source);

describe('the triggers of a pattern', () => {
  it('are the words of an alternation, in lower case', () => {
    expect(of('(?:said|Says|ADDED)')).toEqual(['added', 'said', 'says']);
  });
  it('join the fixed characters of a sequence into words, a class of a few characters included', () => {
    expect(of('[sS]aid[\\s\\u00a0]+that')).toEqual(['said']);
    expect(of('\\d+[\\s\\u00a0]*[ap]\\.m\\.')).toEqual(['a.m.', 'p.m.']);
  });
  it('take the most selective part of a sequence', () => {
    expect(of('\\d+(?:\\.\\d+)?%')).toEqual(['%']);
    expect(of('\\d+[\\s\\u00a0]+(?:percent|per[\\s\\u00a0]+cent)')).toEqual(['cent', 'percent']);
  });
  it('are the union of every branch, and none when a branch has none', () => {
    expect(of('(?:by|before)[\\s\\u00a0]+\\d{4}|deadline')).toEqual(['before', 'by', 'deadline']);
    expect(of('(?:by|\\p{Lu}+)[\\s\\u00a0]+\\d{4}')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(of('said|\\p{Lu}\\p{Ll}+')).toBeNull();
  });
  it('ignore a part that may be absent, and a negative lookaround', () => {
    expect(of('(?:more[\\s\\u00a0]+than[\\s\\u00a0]+)?\\d+')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(of('(?!never)\\p{L}+')).toBeNull();
    expect(of('(?:colou?r)')).toEqual(['color', 'colour']);
  });
  it('take a positive lookaround\'s content, which stands in the text too', () => {
    expect(of('(?<=according[\\s\\u00a0]+to[\\s\\u00a0]+)\\p{Lu}\\p{L}+')).toEqual(['according']);
  });
  it('hold characters without case (punctuation, sentinels) but no other character outside ASCII', () => {
    expect(of('\u00e9t\u00e9')).toEqual(['t']);
    expect(of('\\uE000|\u2014')).toEqual(['\u2014', '\uE000']);
    expect(of('\u017f|\u212a|\u00df')).toBeNull();
  });
  it('are none for classes of many characters and back-references', () => {
    expect(of('[a-z]+')).toBeNull();
    expect(of('(?<w>\\p{L}+)[\\s\\u00a0]+\\k<w>')).toBeNull();
  });
  it('are every set a sequence needs, the most selective first, none implied by another', () => {
    const f = new TriggerFinder();
    expect(f.sets('\\d+[\\s\\u00a0]*(?:percent|%)')).toEqual([['%', 'percent'], [...'0123456789']]);
    expect(f.sets('[sS]aid[\\s\\u00a0]+that')).toEqual([['said'], ['that']]);
    expect(f.sets('said|told')).toEqual([['said', 'told']]);
    expect(f.sets('\\p{Lu}+')).toEqual([]);
  });
  it('are a pattern\'s own strings when it is plain strings, so the pattern need not run', () => {
    const f = new TriggerFinder();
    expect(f.exactly('quarter|half')).toEqual(['half', 'quarter']);
    expect(f.exactly('\\d')).toEqual([...'0123456789']);
    expect(f.exactly('[ap]\\.?m')).toEqual(['a.m', 'am', 'p.m', 'pm']);
    expect(f.exactly('(?<![\\p{L}])that')).toBeNull();
    expect(f.exactly('per[\\s\\u00a0]+cent')).toBeNull();
    expect(f.exactly('said|\\p{Lu}')).toBeNull();
  });
  it('read a defined part (a word list, a macro) as that part in a group', () => {
    const f = new TriggerFinder();
    const verbs = f.define('lexicon speech_verbs', () => '(?:said|told)');
    expect(f.of(`\\p{Lu}\\p{Ll}+[\\s\\u00a0]+${verbs}`)).toEqual(['said', 'told']);
    expect(f.of(`(?:${verbs})?\\d`)).toEqual(f.of('(?:said|told)?\\d'));
  });
});

describe('the trigger scanner', () => {
  const scanner = new TriggerScanner([['he', 'she'], ['hers'], ['said'], ['%']]);
  const found = (text: string) => { scanner.scan(text); return [0, 1, 2, 3].filter(i => scanner.found(i)); };
  it('finds every set whose string stands in the text, overlapping ones too', () => {
    expect(found('ushers')).toEqual([0, 1]);
    expect(found('up 5%')).toEqual([3]);
    expect(found('nothing here')).toEqual([0]);
    expect(found('')).toEqual([]);
  });
  it('reads the text as a case-insensitive pattern does', () => {
    expect(found('SAID')).toEqual([2]);
    expect(found('\u017faid')).toEqual([2]);
    expect(found('SA\u00efD')).toEqual([]);
  });
  it('answers for the last text only', () => {
    found('said');
    expect(found('none')).toEqual([]);
  });
  it('finds exactly the sets a substring search finds, with more sets than one pass of the rows holds (256)', () => {
    const str = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '%'), { minLength: 1, maxLength: 3 }).map(a => a.join(''));
    const sets = fc.array(fc.array(str, { minLength: 1, maxLength: 3 }), { minLength: 250, maxLength: 300 });
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'A', 'B', '%', ' '), { maxLength: 30 }).map(a => a.join(''));
    fc.assert(fc.property(sets, fc.array(text, { minLength: 1, maxLength: 4 }), (ss, texts) => {
      const sc = new TriggerScanner(ss);
      for (const t of texts) {
        sc.scan(t);
        const lower = t.toLowerCase();
        expect(ss.map((_, i) => sc.found(i))).toEqual(ss.map(set => set.some(x => lower.includes(x))));
      }
    }), { numRuns: 60, seed: 5 });
  });
});

describe('triggers never refuse a text their pattern matches', () => {
  it('holds for tricky patterns on random text', () => {
    const patterns = ['(?:said|says)(?![\\p{L}])', '\\d+(?:st|nd|rd|th)', '(?<=by[\\s\\u00a0]+)\\d{4}', '(?:per[\\s\\u00a0]+cent|%|pct)', '[ap]\\.?m', 'fo+|ba?r', '(?:a|b)(?:c|d)e?f'];
    const alphabet = fc.constantFrom(...'abcdefmoprstyhniA SPDF.%1209\u017f\u212a\u00a0'.split(''));
    for (const source of patterns) {
      const f = new TriggerFinder();
      const t = f.of(source);
      if (!t) continue;
      const scanner = new TriggerScanner([t]);
      const regexes = [new RegExp(source, 'u'), new RegExp(source, 'iu')];
      fc.assert(fc.property(fc.array(alphabet, { maxLength: 20 }).map(a => a.join('')), text => {
        scanner.scan(text);
        for (const re of regexes) if (re.test(text)) expect(scanner.found(0), `${source} on ${JSON.stringify(text)}`).toBe(true);
      }), { numRuns: 400 });
    }
  });

  const rules = loadRules(BUNDLED_RULES);
  const texts = [
    ...readdirSync('corpus').flatMap(f => readFileSync(`corpus/${f}`, 'utf8').split(/\n+/u)),
    ...rules.all().flatMap(r => [...r.examples.positive, ...r.examples.negative].map(e => (typeof e === 'string' ? e : e.text))),
  ];
  it('holds for every bundled rule, on every line of the corpus and every rule example', () => {
    const refused: string[] = [];
    for (const rule of rules.all()) {
      for (const t of texts) {
        rule.regex.lastIndex = 0;
        if (rule.regex.test(t) && !mayMatch(rule, t)) refused.push(`${rule.id}: ${t}`);
      }
    }
    expect(refused).toEqual([]);
  });
  it('are found for every bundled rule (a rule without any would run on every text)', () => {
    expect(rules.all().filter(r => !r.triggers.length).map(r => r.id)).toEqual([]);
    const sets = (id: string) => rules.all().find(r => r.id === id)!.triggers.map(t => rules.all()[0]!.scanner!.sets[t]);
    expect(sets('quantity/count')).toContainEqual([...'0123456789']);
    // Speech verbs: a string of the set stands in "said" (the word list's prefix tree may give "aid").
    expect(sets('attribution/name-said-that')[0]!.some(t => 'said'.includes(t))).toBe(true);
    expect(sets('attribution/name-said-that')[0]!.some(t => 'the'.includes(t))).toBe(false);
  });
});
