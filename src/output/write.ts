/** How the dataset's files are serialised: per-document JSON, CSV tables, and whole-file writes (temp file, then rename). */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { columnsOf, type DocumentResult, type TableName } from '../schema/records.js';

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

/** A field that must be quoted: it holds a comma, a quotation mark or a line break, or starts or ends with white space. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/**
 * One CSV field as RFC 4180 asks: quoted when it must be, its quotation marks doubled (test/csv.test.ts compares
 * it with csv-stringify set to quote every line break, on random text). Rows are written here rather than by
 * the library because its general path (a cast, a context object and several separator tests per field) took
 * 8% of a worker's time, and because, given a record delimiter, it quotes a lone "\n" only when told to.
 */
export function csvField(v: string): string {
  return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const byDocStartId = (a: Record<string, unknown>, b: Record<string, unknown>): number => cmp(a.doc_id, b.doc_id) || Number(a.start ?? 0) - Number(b.start ?? 0) || cmp(a.id, b.id);
const sortRows = (rows: Record<string, unknown>[]) => [...rows].sort(byDocStartId);

/** The header row of a table's CSV. */
export function csvHeader(table: TableName | 'documents'): string {
  const cols = columnsOf(table);
  return stringify([], { header: true, columns: cols, record_delimiter: '\r\n' });
}

/** Rows of a table as RFC 4180 CSV records without the header, sorted by doc_id, start, id. */
export function csvRows(table: TableName | 'documents', rows: Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const cols = columnsOf(table);
  let out = '';
  for (const r of sortRows(rows)) {
    for (let i = 0; i < cols.length; i++) out += (i ? ',' : '') + csvField(cell(r[cols[i]!]));
    out += '\r\n';
  }
  return out;
}

/** One table as RFC 4180 CSV with a header row, rows sorted by doc_id then start. */
export function tableCsv(table: TableName | 'documents', rows: Record<string, unknown>[], bom = false): string {
  return (bom ? '\uFEFF' : '') + csvHeader(table) + csvRows(table, rows);
}
const cmp = (a: unknown, b: unknown) => { const x = String(a ?? ''), y = String(b ?? ''); return x < y ? -1 : x > y ? 1 : 0; };
