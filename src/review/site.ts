/**
 * pressmill review: a static, offline HTML site over an output folder: an index of documents with counts per
 * table, and one page per document with the source text, every record's span highlighted by type (overlaps
 * split into segments that know all their records), the record's fields on click, and the tables beside it.
 * Built with hastscript; no network, no build step: one CSS block and one script inline per page.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent } from 'hast';
import { decode } from '../document/decode.js';
import { writeAtomic } from '../output/write.js';
import { TABLE_NAMES, type DocumentResult, type TableName } from '../schema/records.js';

interface Manifest { inputs: { doc_id: string; path: string; sha256: string; status: 'ok' | 'skipped'; messages?: { severity: string; reason: string }[] }[] }
type Row = Record<string, unknown> & { id: string; start?: number; end?: number; text?: string; rule?: string };

const CSS = `
:root{--targets:#ffd54f;--figures:#81d4fa;--speakers:#ce93d8;--statements:#c5e1a5;--dates:#ffab91;--entities:#b0bec5}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,sans-serif;color:#1b1b1b;background:#fafafa}
header{padding:.75rem 1rem;background:#263238;color:#fff}header a{color:#fff}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;padding:1rem}
@media (max-width:900px){main{grid-template-columns:1fr}}
.text{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #ddd;border-radius:6px;overflow-wrap:anywhere}
mark{background:none;border-bottom:3px solid #999;cursor:pointer;padding:0 1px;color:inherit}
mark.t-targets{background:var(--targets)}mark.t-figures{background:var(--figures)}mark.t-statements{background:var(--statements)}
mark.t-dates{border-bottom-color:var(--dates)}mark.t-entities{border-bottom-color:var(--entities)}mark.t-speakers{border-bottom-color:var(--speakers)}
mark.multi{outline:1px dashed #555}mark.on{outline:2px solid #d32f2f}
aside{min-width:0}#panel{position:sticky;top:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin-bottom:1rem;max-height:50vh;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:1rem;background:#fff}th,td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
tr[data-id]{cursor:pointer}tr[data-id]:hover{background:#f1f8e9}.legend span{display:inline-block;padding:0 6px;margin-right:4px;border-radius:3px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;margin:.25rem 0 .75rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.index td:first-child{white-space:nowrap}.warn{color:#b71c1c}`;

const SCRIPT = `
const recs = JSON.parse(document.getElementById('records').textContent);
const panel = document.getElementById('panel');
function show(ids) {
  document.querySelectorAll('mark.on').forEach(m => m.classList.remove('on'));
  panel.replaceChildren();
  for (const id of ids) {
    const r = recs[id]; if (!r) continue;
    document.querySelectorAll('mark').forEach(m => { if (m.dataset.ids.split(' ').includes(id)) m.classList.add('on'); });
    const h = document.createElement('h3'); h.textContent = r.table + ' ' + id; panel.append(h);
    const dl = document.createElement('dl');
    for (const [k, v] of Object.entries(r.row)) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = v === null ? '—' : Array.isArray(v) ? v.join('; ') : String(v);
      dl.append(dt, dd);
    }
    panel.append(dl);
  }
}
document.querySelectorAll('mark').forEach(m => { m.addEventListener('click', () => show(m.dataset.ids.split(' '))); m.addEventListener('mouseenter', () => { m.title = m.dataset.ids; }); });
document.querySelectorAll('tr[data-id]').forEach(tr => tr.addEventListener('click', () => { show([tr.dataset.id]); const m = [...document.querySelectorAll('mark')].find(x => x.dataset.ids.split(' ').includes(tr.dataset.id)); if (m) m.scrollIntoView({ block: 'center' }); }));
`;

const page = (title: string, body: ElementContent[], script = false) => `<!doctype html>\n${toHtml(h('html', { lang: 'en' }, [
  h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', title), h('style', CSS)]),
  h('body', [...body, ...(script ? [h('script', SCRIPT)] : [])]),
]))}\n`;

/** The file name of a document's page: doc_ids may hold "/". */
const pageOf = (docId: string) => `doc-${docId.replace(/[^a-z0-9._-]+/giu, '_')}-${createHash('sha256').update(docId).digest('hex').slice(0, 8)}.html`;

/** The source text split at every record boundary; each segment knows the records that cover it. */
export function segments(text: string, rows: { id: string; table: TableName; start: number; end: number }[]): { text: string; ids: string[]; tables: TableName[] }[] {
  const cps = Array.from(text);
  const cuts = new Set<number>([0, cps.length]);
  for (const r of rows) { cuts.add(Math.max(0, Math.min(r.start, cps.length))); cuts.add(Math.max(0, Math.min(r.end, cps.length))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out: { text: string; ids: string[]; tables: TableName[] }[] = [];
  // One sweep: records join the active set where they start and leave it where they end.
  const byStart = [...rows].sort((x, y) => x.start - y.start);
  let next = 0;
  let active: typeof rows = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!, b = points[i + 1]!;
    while (next < byStart.length && byStart[next]!.start <= a) active.push(byStart[next++]!);
    active = active.filter(r => r.end > a);
    // Shortest record first: its type gives the colour, the others outline it.
    const covering = active.filter(r => b <= r.end).sort((x, y) => (x.end - x.start) - (y.end - y.start));
    out.push({ text: cps.slice(a, b).join(''), ids: covering.map(r => r.id), tables: [...new Set(covering.map(r => r.table))] });
  }
  return out;
}

function docPage(r: DocumentResult, text: string | null, note: string | null): string {
  const rows = TABLE_NAMES.flatMap(t => (r[t] as unknown as Row[]).filter(x => typeof x.start === 'number' && typeof x.end === 'number').map(x => ({ id: x.id, table: t, start: x.start!, end: x.end! })));
  const data: Record<string, { table: TableName; row: Row }> = {};
  for (const t of TABLE_NAMES) for (const x of r[t] as unknown as Row[]) data[x.id] = { table: t, row: x };
  const textNodes: ElementContent[] = text === null ? [h('p', { className: ['warn'] }, note ?? 'source not available')] : segments(text, rows).map(s => s.ids.length
    ? h('mark', { className: [...s.tables.map(t => `t-${t}`), ...(s.ids.length > 1 ? ['multi'] : [])], dataIds: s.ids.join(' ') }, s.text)
    : { type: 'text', value: s.text });
  const tables = TABLE_NAMES.filter(t => r[t].length).map(t => {
    const cols = t === 'targets' || t === 'figures' ? ['text', 'value', 'unit', 'period', 'metric', 'rule'] : t === 'dates' ? ['text', 'value', 'type', 'rule'] : t === 'statements' ? ['kind', 'cue', 'text', 'rule'] : t === 'speakers' ? ['name', 'title', 'organization'] : ['name', 'type', 'mentions'];
    return h('section', [h('h2', `${t} (${r[t].length})`), h('table', [
      h('thead', h('tr', cols.map(c => h('th', c)))),
      h('tbody', (r[t] as unknown as Row[]).map(x => h('tr', { dataId: x.id }, cols.map(c => h('td', String(x[c] ?? '—')))))),
    ])]);
  });
  return page(`${r.document.doc_id}: pressmill review`, [
    h('header', [h('a', { href: 'index.html' }, '← all documents'), ' ', h('strong', r.document.title ?? r.document.doc_id), ` (${r.document.path}, reference date ${r.document.reference_date ?? 'none'})`]),
    h('main', [
      h('section', [
        h('p', { className: ['legend'] }, TABLE_NAMES.map(t => h('span', { style: `background:var(--${t})` }, t))),
        ...(note && text !== null ? [h('p', { className: ['warn'] }, note)] : []),
        h('div', { className: ['text'], id: 'text' }, textNodes),
      ]),
      h('aside', [h('div', { id: 'panel' }, [h('p', 'Click a highlighted span or a table row to see its record.')]), ...tables]),
    ]),
    h('script', { type: 'application/json', id: 'records' }, JSON.stringify(data).replace(/</g, '\\u003c')),
  ], true);
}

/** Write the review site for an output folder; returns the number of document pages. */
export function writeReview(output: string, corpus: string, out: string): { pages: number; missing: string[] } {
  const manifest = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as Manifest;
  mkdirSync(out, { recursive: true });
  const missing: string[] = [];
  const rows: Element[] = [];
  let pages = 0;
  for (const input of manifest.inputs) {
    const said = (input.messages ?? []).map(m => h('div', { className: m.severity === 'error' ? ['warn'] : [] }, `${m.severity}: ${m.reason}`));
    if (input.status !== 'ok') { rows.push(h('tr', [h('td', input.doc_id), h('td', input.path), ...TABLE_NAMES.map(() => h('td', '')), h('td', [h('div', { className: ['warn'] }, 'skipped'), ...said])])); continue; }
    const r = JSON.parse(readFileSync(join(output, 'json', `${input.doc_id}.json`), 'utf8')) as DocumentResult;
    const src = join(corpus, input.path);
    let text: string | null = null, note: string | null = null;
    if (!existsSync(src)) { note = `source ${input.path} not found under ${corpus}`; missing.push(input.path); }
    else {
      const bytes = readFileSync(src);
      const d = decode(bytes);
      if (!d.ok) note = d.reason;
      else {
        text = d.text;
        if (createHash('sha256').update(bytes).digest('hex') !== input.sha256) note = `${input.path} changed since it was extracted: spans may be off; run extract again`;
      }
    }
    const file = pageOf(input.doc_id);
    writeAtomic(join(out, file), docPage(r, text, note));
    pages++;
    rows.push(h('tr', [h('td', h('a', { href: file }, input.doc_id)), h('td', r.document.title ?? ''), ...TABLE_NAMES.map(t => h('td', String(r[t].length))), h('td', [...said, ...(note ? [h('div', { className: ['warn'] }, note)] : [])])]));
  }
  writeAtomic(join(out, 'index.html'), page('pressmill review', [
    h('header', [h('strong', 'pressmill review'), ` of ${output}: ${pages} documents`]),
    h('div', { style: 'padding:1rem;overflow-x:auto' }, h('table', { className: ['index'] }, [
      h('thead', h('tr', [h('th', 'document'), h('th', 'title'), ...TABLE_NAMES.map(t => h('th', t)), h('th', 'messages')])),
      h('tbody', rows),
    ])),
  ]));
  return { pages, missing };
}
