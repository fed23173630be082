/**
 * The CSV rows pressmill writes itself (csvField, csvRows) are what csv-stringify, the library that writes the
 * header, would write for them: compared on fixed cases and on random text full of the characters that need
 * quoting.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { extract } from '../dist/index.js';
import { csvField, csvHeader, csvRows, tableCsv } from '../dist/output/write.js';
import { columnsOf } from '../dist/schema/records.js';

/**
 * csv-stringify as RFC 4180 asks: fields holding a comma, a quotation mark or any line break quoted, and those
 * that start or end with white space. (Given its own record_delimiter, the library quotes a field with a lone
 * "\n" or "\r" only with quote_record_delimiter: the rows pressmill used to write with it broke at every
 * hard-wrapped sentence.)
 */
const library = (rows: string[][]) => stringify(rows, { header: false, record_delimiter: '\r\n', quote_record_delimiter: true, quoted_match: /^\s|\s$/ });

describe('CSV fields', () => {
  it('quotes a field only when it must, doubling its quotation marks', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('He said "no"')).toBe('"He said ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField(' leading')).toBe('" leading"');
    expect(csvField('trailing\u00a0')).toBe('"trailing\u00a0"');
    expect(csvField('inner space')).toBe('inner space');
    expect(csvField("it's €5 – fine")).toBe("it's €5 – fine");
  });

  it('writes every field as csv-stringify does, on random text', () => {
    const special = fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', '\t', '\u00a0', '\u2028', ';', "'", 'é', '😀', '=', '-');
    const piece = fc.oneof(special, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));
    const field = fc.array(piece, { maxLength: 8 }).map(p => p.join(''));
    fc.assert(fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), rows => {
      const ours = rows.map(r => r.map(csvField).join(',') + '\r\n').join('');
      expect(ours).toBe(library(rows));
    }), { numRuns: 2000 });
  });
});

describe('CSV rows of a table', () => {
  it('sorts rows by doc_id, start and id, and writes each column in the table order', () => {
    const cols = columnsOf('dates');
    const row = (doc: string, start: number, id: string, text: string) => Object.fromEntries(cols.map(c => [c, c === 'doc_id' ? doc : c === 'start' ? start : c === 'id' ? id : c === 'text' ? text : c === 'relative' ? false : null]));
    const rows = [row('b', 3, 'd2', 'May 5, 2024'), row('a', 10, 'd1', ' 2030'), row('b', 3, 'd1', 'then "soon"')];
    const out = csvRows('dates', rows);
    const expected = library([rows[1]!, rows[2]!, rows[0]!].map(r => cols.map(c => { const v = r[c]; return v === null ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v); })));
    expect(out).toBe(expected);
    expect(out.split('\r\n')[0]!.startsWith('d1,a,')).toBe(true);
    expect(tableCsv('dates', rows)).toBe(csvHeader('dates') + out);
    expect(csvRows('dates', [])).toBe('');
  });
});

describe('CSV of hard-wrapped text', () => {
  it('quotes a sentence that holds a line break, so every row reads back whole', () => {
    const text = 'Acme sets goal\n\nAcme Corp said on Monday it will cut emissions by 40 percent by 2030\nfrom 2019 levels.\n';
    const r = extract(text, { path: 'a.txt', docId: 'a' });
    const csv = tableCsv('dates', r.dates as unknown as Record<string, unknown>[]);
    const sentence = 'Acme Corp said on Monday it will cut emissions by 40 percent by 2030\nfrom 2019 levels.';
    expect(csv.split('\r\n')[1]).toBe(`a#date-1,a,Monday,34,40,"${sentence}",date/weekday,XXXX-XX-XX,date,true,`);
    const back = parse(csv, { columns: true }) as Record<string, string>[];
    expect(back.map(row => [row.text, row.sentence, row.value])).toEqual([['Monday', sentence, 'XXXX-XX-XX'], ['2030', sentence, '2030'], ['2019', sentence, '2019']]);
  });
});
