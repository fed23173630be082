/**
 * The review site in a real browser (Debian's Chromium driven by playwright-core): every record of a document
 * has a highlighted span, clicking one shows its fields, nothing logs an error, at laptop and phone widths.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segments } from '../dist/review/site.js';
import { run, tmp } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Chromium (.ci/run); elsewhere the browser test runs when it is there.
const haveBrowser = existsSync(CHROMIUM) || !!process.env.CI;

describe('segments of overlapping spans', () => {
  it('splits at every boundary and gives each piece all its records, shortest first', () => {
    const s = segments('By 2030 emissions fall', [
      { id: 't', table: 'targets', start: 0, end: 22 },
      { id: 'd', table: 'dates', start: 3, end: 7 },
    ]);
    expect(s).toEqual([
      { text: 'By ', ids: ['t'], tables: ['targets'] },
      { text: '2030', ids: ['d', 't'], tables: ['dates', 'targets'] },
      { text: ' emissions fall', ids: ['t'], tables: ['targets'] },
    ]);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(segments('𠮷祥 Resort', [{ id: 'e', table: 'entities', start: 0, end: 9 }])[0]!.text).toBe('𠮷祥 Resort');
  });
});

describe('the review index', () => {
  it('shows each document\'s messages, a skipped one included', async () => {
    const root = tmp('pressmill-review-msg-');
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'c', 'fm.md'), '---\n: [broken\n---\n\nTitle\n\nSales rose 5% in 2023.\n');
    writeFileSync(join(root, 'c', 'bin.txt'), Buffer.from([0, 1, 2]));
    await run(['extract', join(root, 'c'), '--out', join(root, 'out'), '--no-cache']);
    expect((await run(['review', join(root, 'out'), '--corpus', join(root, 'c')])).code).toBe(0);
    const index = readFileSync(join(root, 'out', 'review', 'index.html'), 'utf8');
    expect(index).toContain('error: Unexpected NUL byte at byte 0, expected UTF-8 text (binary file?); skipped');
    expect(index).toContain('warning: Unexpected front matter YAML');
  });
});

describe.skipIf(!haveBrowser)('the review site in Chromium', () => {
  const root = tmp('pressmill-review-');
  const shots = join(root, 'screenshots');
  let browser: Browser;
  beforeAll(async () => {
    expect((await run(['extract', 'corpus', '--out', join(root, 'output'), '--no-cache'])).code).toBe(0);
    expect((await run(['review', join(root, 'output'), '--out', join(root, 'site')])).code).toBe(0);
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  it('lists every document with its counts', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(pathToFileURL(join(root, 'site', 'index.html')).href);
    expect(await page.locator('tbody tr').count()).toBe(16);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('highlights every record of a document and shows a record\'s fields on click, without console errors', async () => {
    const doc = JSON.parse(readFileSync(join(root, 'output', 'json', 'us-epa-clean-ports-grants.json'), 'utf8')) as Record<string, { id: string; start?: number; rule: string }[]>;
    const ids = ['targets', 'figures', 'speakers', 'statements', 'dates', 'entities'].flatMap(t => doc[t]!.filter(r => typeof r.start === 'number').map(r => r.id));
    const file = readdirSync(join(root, 'site')).find(f => f.startsWith('doc-us-epa-clean-ports-grants'))!;
    for (const [name, viewport] of [['laptop', { width: 1366, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      const errors: string[] = [];
      page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', e => errors.push(e.message));
      await page.goto(pathToFileURL(join(root, 'site', file)).href);
      const marked = new Set((await page.locator('mark').evaluateAll(ms => ms.map(m => (m as HTMLElement).dataset.ids ?? ''))).flatMap(s => s.split(' ')));
      expect(ids.filter(id => !marked.has(id))).toEqual([]);
      const target = doc.targets![0]!;
      await page.locator('mark', { has: page.locator(`xpath=self::*[contains(concat(' ', @data-ids, ' '), ' ${target.id} ')]`) }).first().click();
      const panel = page.locator('#panel');
      await expect(panel.locator('h3').filter({ hasText: target.id }).count()).resolves.toBe(1);
      expect(await panel.textContent()).toContain(target.rule);
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
      expect(statSync(join(shots, `${name}.png`)).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 60_000);
});
