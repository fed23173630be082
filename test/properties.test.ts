/**
 * Properties over generated input (fast-check): any Unicode text, and press releases assembled at random from
 * the parts real ones have, never make the pipeline throw; every record validates against its schema, and
 * every record's offsets slice back to its text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES, DocumentRow, extract, loadRules, TABLES, TABLE_NAMES, type DocumentResult } from '../dist/index.js';
import { extractText, extractTexts, type Extraction } from '../dist/extract/pipeline.js';
import { escapeRegex, Lexicon } from '../dist/rules/load.js';
import { parseDocument, simpleTree } from '../dist/document/parse.js';
import { slice } from './helpers.js';

let records = 0;

function check(text: string, path: string): void {
  let r: DocumentResult;
  try {
    r = extract(text, { path, docId: 'prop' });
  } catch (e) {
    throw new Error(`extract threw on ${JSON.stringify(text)}: ${(e as Error).stack}`);
  }
  expect(DocumentRow.safeParse(r.document).success).toBe(true);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const t of TABLE_NAMES) {
    records += r[t].length;
    for (const row of r[t] as unknown as Record<string, unknown>[]) {
      const ok = TABLES[t].safeParse(row);
      if (!ok.success) throw new Error(`${t} row does not validate: ${JSON.stringify(row)}\n${ok.error.message}\ninput ${JSON.stringify(text)}`);
      if (typeof row.start === 'number' && typeof row.end === 'number' && typeof row.text === 'string') {
        expect(slice(body, row.start, row.end), `${t} ${JSON.stringify(row)} in ${JSON.stringify(text)}`).toBe(row.text);
      }
    }
  }
}

const word = fc.constantFrom('the', 'agency', 'said', 'will', 'cut', 'emissions', 'by', 'to', 'of', 'in', 'rose', 'fell', 'percent', 'million', 'billion', 'jobs', 'homes', 'target', 'about', 'more than', 'up to', 'nearly', 'compared with', 'last year', 'this year', 'next week', 'on Tuesday', 'a year earlier', 'respectively', 'and', 'or', 'its', 'Ministry of Energy', 'Jane R. Ortega', 'Zhao Baoquan', 'Chongqing', 'COVID-19', 'Q3', 'H1', 'FY2024', 'fiscal 2025');
const number = fc.oneof(
  fc.integer({ min: 0, max: 3_000_000 }).map(n => n.toLocaleString('en-US')),
  fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 2 })).map(([n, d]) => n.toFixed(d)),
  fc.integer({ min: 1900, max: 2100 }).map(String),
  fc.constantFrom('6%', '45 per cent', '$2.4 billion', '€300m', '1.5 GW', '28,000 tons', '5-6%', '10 to 12 percent', 'two-thirds', 'a third', '2x', '3.2 pp'),
);
const sentence = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: number }), { minLength: 1, maxLength: 25 })
  .map(ws => `${ws.join(' ').replace(/^./, c => c.toUpperCase())}.`);
const quote = fc.tuple(sentence, fc.constantFrom('said Jane R. Ortega, chief executive of Northwind Steel', 'she added', 'Mills said', 'according to Priya Raman'))
  .map(([s, cue]) => `"${s.slice(0, -1)}," ${cue}.`);
const paragraph = fc.array(fc.oneof(sentence, quote), { minLength: 1, maxLength: 4 }).map(ss => ss.join(' '));
const release = fc.record({
  title: sentence.map(s => s.slice(0, -1)),
  dateline: fc.constantFrom('WASHINGTON, March 12, 2024 -- ', 'CANBERRA, 12 March 2024 -- ', 'GUANGZHOU, July 18 (Xinhua) -- ', ''),
  paras: fc.array(paragraph, { minLength: 1, maxLength: 6 }),
  list: fc.option(fc.array(sentence, { minLength: 1, maxLength: 4 })),
  front: fc.option(fc.constantFrom('---\npublished: 2024-06-12\n---\n\n', '---\nid: x\npublished: not-a-date\n---\n\n', '---\n: [broken\n---\n\n')),
  crlf: fc.boolean(),
}).map(r => {
  const lines = [`${r.front ?? ''}${r.title}`, '', `${r.dateline}${r.paras[0]}`, '', ...r.paras.slice(1).flatMap(p => [p, '']), ...(r.list ? ['Under the plan, the agency will:', '', ...r.list.map(s => `- ${s}`), ''] : [])];
  const text = lines.join('\n');
  return r.crlf ? text.replace(/\n/g, '\r\n') : text;
});

describe('properties of the pipeline', () => {
  it('any Unicode text: no throw, every record valid, offsets slice back', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.boolean(), (text, md) => check(text, md ? 'p.md' : 'p.txt')), { numRuns: 150, seed: 42 });
  });
  it('text made of characters the engine gives meaning to: no throw, every record valid, offsets slice back', () => {
    const meaningful = fc.constantFrom('"', '“', '”', "'", '’', ',', '.', ':', ';', '\n', '\n\n', ' ', '#', '-', '―', '(', ')', '$', '%', '5', '2024', 'said', 'Q', 'the', '\uE000', '\uE001', '\uE002', '\uE003', '\x01', '\x02', '\x03', '\x04', '\u00a0', '\ufeff', '𠮷', 'é');
    fc.assert(fc.property(fc.array(meaningful, { maxLength: 200 }).map(a => a.join('')), fc.boolean(), (text, md) => check(text, md ? 'p.md' : 'p.txt')), { numRuns: 150, seed: 7 });
  });
  it('press releases assembled at random: no throw, every record valid, offsets slice back', () => {
    records = 0;
    fc.assert(fc.property(release, fc.boolean(), (text, md) => check(text, md ? 'p.md' : 'p.txt')), { numRuns: 120, seed: 2024 });
    // The generated releases do exercise the extractors.
    expect(records).toBeGreaterThan(1000);
  });
  it('a document extracted in a batch gives what it gives alone, in any position of the batch', () => {
    const rules = loadRules(BUNDLED_RULES);
    const alone = (text: string, md: boolean) => JSON.stringify(outcome(extractText(text, rules, optsFor(md))));
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(release, fc.string({ unit: 'grapheme', maxLength: 200 })), fc.boolean()), { minLength: 2, maxLength: 6 }), docs => {
      const together = extractTexts(docs.map(([text, md]) => ({ text, opts: optsFor(md) })), rules);
      docs.forEach(([text, md], i) => expect(JSON.stringify(outcome(together[i]!))).toBe(alone(text, md)));
    }), { numRuns: 40, seed: 11 });
  });
});

function optsFor(md: boolean) {
  return { docId: 'prop', path: md ? 'p.md' : 'p.txt', markdown: md, referenceDate: null };
}

function outcome(x: Extraction): unknown {
  return [x.result, x.messages, [...x.fired].sort()];
}

describe('a word list lookup', () => {
  // Surfaces are folded as the plain form does (white space runs to one space, trimmed, lower case); the fold
  // skips the white-space pass for text with none to change, and must agree with the plain form everywhere.
  const plain = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
  const piece = fc.constantFrom('a', 'B', 'İ', 'ß', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', '\u1680', 'Ab cd', '-');
  const surface = fc.array(piece, { maxLength: 8 }).map(a => a.join(''));
  it('finds an entry under any spacing and case the plain fold gives it', () => {
    fc.assert(fc.property(fc.array(surface, { minLength: 1, maxLength: 5 }), surface, (entries, probe) => {
      const lex = new Lexicon('test', entries);
      const want = entries.some(e => plain(e) === plain(probe));
      expect(lex.has(probe)).toBe(want);
      expect(lex.get(probe)).toBe(want ? true : undefined);
    }), { numRuns: 3000, seed: 11 });
  });
});

describe('a word list written as a prefix tree', () => {
  // The flat, longest-first alternation the tree replaces: the reference it must agree with.
  const flat = (keys: string[], anyFirstCase: boolean) => [...new Set(keys.map(k => k.replace(/\s+/g, ' ').trim().toLowerCase()))]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(k => k.split(' ').map(w => escapeRegex(w).replace(/^\p{L}/u, c => (anyFirstCase && c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c))).join('[\\s\\u00a0]+'))
    .join('|');
  const letters = fc.constantFrom('a', 'b', 'c', 'ab', 'per', 'cent', 'é', '.', '-', 'A');
  const entry = fc.array(fc.array(letters, { minLength: 1, maxLength: 3 }).map(a => a.join('')), { minLength: 1, maxLength: 3 }).map(ws => ws.join(' '));
  const text = fc.array(fc.constantFrom('a', 'b', 'c', 'p', 'e', 'r', 'n', 't', 'é', '.', '-', 'A', 'B', ' ', '\u00a0', 'x'), { maxLength: 40 }).map(a => a.join(''));
  it('matches where, and as much as, the longest-first list does, alone and inside a pattern', () => {
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), text, fc.boolean(), (keys, t, fold) => {
      const lex = new Lexicon('test', keys);
      for (const [shape, flags] of [['(?:X)', 'gu'], ['(?<![\\p{L}])(?:X)(?![\\p{L}])', 'gu'], ['(?:X)[\\s\\u00a0]+b', 'giu']] as const) {
        const a = new RegExp(shape.replace('X', flat(keys, fold)), flags), b = new RegExp(shape.replace('X', lex.alternation(fold)), flags);
        expect([...t.matchAll(b)].map(m => [m.index, m[0]])).toEqual([...t.matchAll(a)].map(m => [m.index, m[0]]));
      }
    }), { numRuns: 500 });
  });
});

describe('simple documents read without remark', () => {
  const opts = (fast: boolean, markdown = false) => ({ markdown, abbreviations: new Lexicon('abbreviations', ['Dr.', 'Mr.']), creditPattern: /\((?<label>Photo)\/(?<name>[^)]+)\)/u, headingMaxChars: 120, fastPath: fast });
  const piece = fc.constantFrom('Revenue rose 5%.', 'The agency said', 'Chongqing', '"We will', 'cut it," she said.', '(Photo/ Chen Zhan)', 'Dr. Ruiz', 'x', ' ', '  ', '   ', '\t', '\u00a0', '.', ',', ':', '#', '-', '*', '1.', '2)', '>', '=', '`', '<b>', '[a]: /u', '|', '_', '~', '\u000b', '\u2028', '    ', '\\');
  // Lines opening with a bullet, often, so lists and their lazy continuations are well exercised.
  const bullet = fc.constantFrom('', '', '', '- ', '* ', '+ ', '-  ', '- - ', '-', ' - ', '  ', '# ', '## ', '#\t', '####### ', ' # ', '#');
  const frontMatter = fc.constantFrom('', '', '---\nid: a\n---\n', '---\r\nid: a\r\n\r\n---\r\n', '---\n---\n', '--- \nid: [\n---\t\n', '---\nid: a\n', '---\nx: 1\n---', '---\n\n---\n\n');
  const ending = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n  \n', '\n\t\n');
  const doc = fc.tuple(frontMatter, fc.array(fc.tuple(bullet, fc.array(piece, { minLength: 0, maxLength: 6 }).map(a => a.join(' ')), ending), { maxLength: 8 }))
    .map(([fm, ls]) => fm + ls.map(([b, l, e]) => b + l + e).join(''));
  it('gives the blocks and sentences remark gives, or leaves the text to remark', () => {
    let fast = 0;
    fc.assert(fc.property(doc, fc.boolean(), (text, markdown) => {
      if (simpleTree(text)) fast++;
      expect(parseDocument(text, opts(true, markdown))).toEqual(parseDocument(text, opts(false, markdown)));
    }), { numRuns: 1500 });
    // Both sides of the switch are exercised.
    expect(fast).toBeGreaterThan(100);
    expect(fast).toBeLessThan(1400);
  });
  it('builds simple trees itself and leaves ordered lists, quotes, setext headings and indented lines to remark', () => {
    for (const t of ['Title\n\n1. item one\n2. item two\n', '> quoted', 'Title\n\n    code\n', 'A\n===\n', '---\nid: x\nText', 'Plan:\n- one\n\n  more of one\n', '# Title #\n'])
      expect(simpleTree(t)).toBeNull();
    const spans = (t: string) => simpleTree(t)!.children!.map(n => [n.type, ...(n.type === 'listItem' ? [n.children![0]!] : [n]).map(c => c.position ? [c.position.start.offset, c.position.end.offset] : c.value)]);
    expect(spans('Title\n\n  Para one\ncontinues  \n\n\nEnd.\t \n')).toEqual([['paragraph', [0, 5]], ['paragraph', [9, 29]], ['paragraph', [32, 38]]]);
    expect(spans('---\nid: a\n---\n# Plan\n- cut 5%;\nby 2030\n- plant trees.\n\nEnd.')).toEqual([
      ['yaml', 'id: a'], ['heading', [14, 20]], ['listItem', [23, 38]], ['listItem', [41, 53]], ['paragraph', [55, 59]]]);
  });
});
