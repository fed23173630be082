import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, run, tmp } from './helpers.js';

describe('golden files', () => {
  it('pressmill check: the corpus still extracts to the committed goldens', async () => {
    const r = await run(['check', 'corpus', '--golden', 'test/golden']);
    expect(r.stdout).toContain('output matches the goldens');
    expect(r.code).toBe(0);
  });

  it('a changed golden is reported with document, record and rule; exit 1', async () => {
    const dir = tmp();
    await run(['check', 'corpus', '--golden', dir, '--update']);
    const f = join(dir, 'cn-chongqing-market-confidence.json');
    const g = readJson<{ targets: { value: number }[] }>(f);
    g.targets[0]!.value = 7;
    writeFileSync(f, JSON.stringify(g, null, 2) + '\n');
    const r = await run(['check', 'corpus', '--golden', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cn-chongqing-market-confidence: ~ targets cn-chongqing-market-confidence#target-1 «[^»]+» \[quantity\/[a-z-]+\] value: golden 7, now \d+/);
  });

  it('extract is deterministic: two runs give byte-identical output', async () => {
    const a = tmp(), b = tmp();
    await run(['extract', 'corpus', '--out', a]);
    await run(['extract', 'corpus', '--out', b]);
    for (const f of ['csv/targets.csv', 'csv/figures.csv', 'csv/documents.csv', 'manifest.json', 'json/corp-quantix-q3-earnings.json'])
      expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
  });
});
