/**
 * One document's output in the form the writer needs: its JSON file and its rows of every CSV table, already
 * serialised and encoded as UTF-8 (in the worker that extracted it), so the main thread only moves bytes: a
 * worker puts them in its ring of shared memory (arena.ts), or hands the buffers over when the ring has no room,
 * and the main thread, which receives every document, makes no strings of them to collect (its garbage
 * collection was a quarter of its work).
 */
import type { DocOutcome } from '../corpus-files.js';
import type { ArenaFiller, ArenaReader, Span } from './arena.js';
import type { Message } from '../extract/pipeline.js';
import { csvRows, documentJson } from '../output/write.js';
import { TABLE_NAMES, type DocumentResult, type TableName } from '../schema/records.js';

export type CsvTable = TableName | 'documents';
export const CSV_TABLES: CsvTable[] = ['documents', ...TABLE_NAMES];

export interface DocOutput {
  /** Corpus-relative path, the order of the manifest. */
  path: string;
  /** doc_id: the document's own (front matter) when it was read, else the one its path gives. */
  docId: string;
  sha256: string;
  /** The per-document JSON file (UTF-8), or null when the document was skipped. */
  json: Uint8Array | null;
  /** This document's CSV rows per table (UTF-8, no header), in the order of the table. */
  csv: Partial<Record<CsvTable, Uint8Array>>;
  /** Rows per record table. */
  counts: Partial<Record<TableName, number>>;
  /** Numbers no record holds, and the rules that made or dropped something. */
  stats?: { unclaimed: number; fired: string[] };
  messages: Message[];
  /** Set when a worker timed out, crashed or threw on the document: such a result is never cached. */
  failed?: true;
  /** On the way from a worker: the texts lie in that worker's ring (arena.ts), not in `json` and `csv`. */
  packed?: Packed;
  /** On the main thread, for an output whose texts lie in a ring: call once they are written and cached. */
  release?: () => void;
}

/** Where a document's texts lie in its worker's ring, and where the texts of its batch up to it end. */
export interface Packed { arena: number; json: Span | null; csv: [CsvTable, Span][]; end: number }

const utf8 = new TextEncoder();

export function docOutputOf(o: DocOutcome): DocOutput {
  const r = o.result;
  return { path: o.input.path, docId: r?.document.doc_id ?? o.input.docId, sha256: o.sha256, json: r ? utf8.encode(documentJson(r)) : null, ...tablesOf(r), messages: o.messages, ...(o.stats ? { stats: o.stats } : {}) };
}

/** The CSV rows and counts of a document's records. */
export function tablesOf(r: DocumentResult | null): Pick<DocOutput, 'csv' | 'counts'> {
  const csv: Partial<Record<CsvTable, Uint8Array>> = {};
  const counts: Partial<Record<TableName, number>> = {};
  if (r) {
    csv.documents = utf8.encode(csvRows('documents', [r.document as unknown as Record<string, unknown>]));
    for (const t of TABLE_NAMES) { csv[t] = utf8.encode(csvRows(t, r[t] as unknown as Record<string, unknown>[])); counts[t] = r[t].length; }
  }
  return { csv, counts };
}

/** The buffers of an output, to hand over to another thread (each encoded text owns its buffer). */
export function buffersOf(o: DocOutput): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of [o.json, ...Object.values(o.csv)]) if (b && b.byteLength) out.add(b.buffer as ArrayBuffer);
  return [...out];
}

/** A document that could not be extracted at all (a worker timed out or crashed on it). */
export function failedOutput(path: string, docId: string, sha256: string, reason: string): DocOutput {
  return { path, docId, sha256, json: null, csv: {}, counts: {}, failed: true, messages: [{ severity: 'error', doc_id: docId, rule: null, reason: `${path}: ${reason}; skipped` }] };
}

/**
 * Put a batch's texts in the worker's ring (one stretch), leaving each output with where its texts lie. When
 * the ring has no room the outputs are left as they are, to be sent as moved buffers.
 */
export function packOutputs(outs: DocOutput[], filler: ArenaFiller, arena: number): void {
  const texts: Uint8Array[] = [];
  for (const o of outs) {
    if (o.json) texts.push(o.json);
    for (const t of CSV_TABLES) { const c = o.csv[t]; if (c) texts.push(c); }
  }
  const placed = filler.place(texts);
  if (!placed) return;
  let k = 0;
  let end = placed.start;
  for (const o of outs) {
    const json = o.json ? placed.spans[k++]! : null;
    const csv: [CsvTable, Span][] = [];
    for (const t of CSV_TABLES) if (o.csv[t]) csv.push([t, placed.spans[k++]!]);
    for (const s of [json, ...csv.map(c => c[1])]) if (s) end = s[0] + s[1];
    o.packed = { arena, json, csv, end };
    o.json = null;
    o.csv = {};
  }
}

/** The output a worker packed, with views on its ring, held there until `release` is called. */
export function unpackOutput(o: DocOutput, reader: ArenaReader): DocOutput {
  const { packed: p, ...rest } = o;
  if (!p) return o;
  const csv: DocOutput['csv'] = {};
  for (const [t, s] of p.csv) csv[t] = reader.view(s);
  return { ...rest, json: p.json ? reader.view(p.json) : null, csv, release: reader.hold(p.end) };
}
