import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../dist/document/decode.js';
import { listCorpus, extractFile } from '../dist/corpus.js';
import { loadRules, BUNDLED_RULES, extract } from '../dist/index.js';
import { slice, tmp } from './helpers.js';

const rules = loadRules(BUNDLED_RULES);

describe('offsets slice back to each record text', () => {
  for (const input of listCorpus('corpus')) {
    it(`every record of ${input.path}`, () => {
      const o = extractFile(input, rules, null);
      expect(o.messages.filter(m => m.severity === 'error')).toEqual([]);
      const d = decode(readFileSync(input.abs));
      if (!d.ok) throw new Error(d.reason);
      const rows = [...o.result!.targets, ...o.result!.figures];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(slice(d.text, r.start, r.end)).toBe(r.text);
    });
  }

  it('counts code points through a BOM, CRLF, U+00A0 and characters outside the BMP', () => {
    const text = '\uFEFFTitle 𠮷\r\n\r\nThe 𠮷祥 Resort 🌊 said it will add over\u00a030\u00a0percent more rooms by 2025.\r\n';
    const dir = tmp();
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'x.txt'), text);
    const [input] = listCorpus(join(dir, 'c'));
    const r = extractFile(input!, rules, null).result!;
    const t = r.targets[0]!;
    expect(t.text).toBe('over\u00a030\u00a0percent');
    expect(t.value).toBe(30);
    expect(t.comparator).toBe('>');
    const decoded = text.slice(1);
    expect(slice(decoded, t.start, t.end)).toBe(t.text);
    // 2 astral characters (𠮷 twice, 🌊 once before the span) would shift UTF-16 offsets by 3.
    expect(t.start).toBe(decoded.indexOf('over') - 3);
    expect(r.document.chars).toBe(Array.from(decoded).length);
  });

  it('library extract gives the same offsets as the CLI path', () => {
    const r = extract('Acme will cut emissions by 40% by 2030.', { docId: 'acme' });
    expect(r.targets.map(t => [t.text, t.start, t.end, t.value, t.period, t.period_type, t.direction])).toEqual([['40%', 27, 30, 40, '2030', 'by', 'decrease']]);
  });
});
