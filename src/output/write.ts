/** Writes the dataset: JSON per document, CSV per table, manifest; every file whole or not at all (temp file, then rename). */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { columnsOf, SCHEMA_VERSION, TABLE_NAMES, type DocumentResult, type TableName } from '../schema/records.js';
import type { DocOutcome } from '../corpus.js';

/** Write a file atomically: a temporary sibling, then a rename over the target. */
export function writeAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Per-document JSON: keys in SPEC order, pretty-printed, a newline at the end. */
export function documentJson(r: DocumentResult): string {
  const ordered = { document: r.document, targets: r.targets, figures: r.figures, speakers: r.speakers, statements: r.statements, dates: r.dates, entities: r.entities };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(String).join('; ');
  return String(v);
}

/** One table as RFC 4180 CSV with a header row, rows sorted by doc_id then start. */
export function tableCsv(table: TableName | 'documents', rows: Record<string, unknown>[], bom = false): string {
  const cols = columnsOf(table);
  const sorted = [...rows].sort((a, b) => cmp(a.doc_id, b.doc_id) || Number(a.start ?? 0) - Number(b.start ?? 0) || cmp(a.id, b.id));
  const body = stringify(sorted.map(r => cols.map(c => cell(r[c]))), { header: true, columns: cols, record_delimiter: '\r\n', quoted_match: /^\s|\s$/ });
  return (bom ? '\uFEFF' : '') + body;
}
const cmp = (a: unknown, b: unknown) => { const x = String(a ?? ''), y = String(b ?? ''); return x < y ? -1 : x > y ? 1 : 0; };

export interface WriteInfo { toolVersion: string; rulesDigest: string }

/** Write the whole dataset for a corpus run into DIR, replacing the JSON files of documents no longer present. */
export function writeDataset(dir: string, outcomes: DocOutcome[], info: WriteInfo): void {
  const results = outcomes.map(o => o.result).filter((r): r is DocumentResult => r !== null);
  const jsonDir = join(dir, 'json');
  const written = new Set<string>();
  for (const r of results) {
    const p = join(jsonDir, `${r.document.doc_id}.json`);
    writeAtomic(p, documentJson(r));
    written.add(p);
  }
  removeStale(jsonDir, written);
  writeAtomic(join(dir, 'csv', 'documents.csv'), tableCsv('documents', results.map(r => r.document)));
  for (const t of TABLE_NAMES) writeAtomic(join(dir, 'csv', `${t}.csv`), tableCsv(t, results.flatMap(r => r[t] as unknown as Record<string, unknown>[])));
  const manifest = {
    tool: 'pressmill',
    tool_version: info.toolVersion,
    schema_version: SCHEMA_VERSION,
    rules_digest: info.rulesDigest,
    inputs: outcomes.map(o => ({ doc_id: o.result?.document.doc_id ?? o.input.docId, path: o.input.path, sha256: o.sha256, status: o.result ? 'ok' : 'skipped' })),
  };
  writeAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function removeStale(dir: string, keep: Set<string>): void {
  const walk = (d: string) => {
    let names: string[];
    try { names = readdirSync(d); } catch { return; }
    for (const n of names) {
      const p = join(d, n);
      if (n.endsWith('.json') && !keep.has(p)) rmSync(p, { force: true });
      else if (!n.includes('.')) walk(p);
    }
  };
  walk(dir);
}
