/**
 * Writes a dataset as documents arrive, in constant memory: each per-document JSON goes to its final place at
 * once (written whole, then renamed), CSV rows go to fragment files in a staging folder next to the output,
 * and `finish` assembles each CSV in doc_id order and the manifest. Every file in the output folder is
 * complete at every moment: a killed run leaves old or new files, never a partial one.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { csvHeader } from '../output/write.js';
import { dataPackage, documentJsonSchema } from '../output/datapackage.js';
import { SCHEMA_VERSION } from '../schema/records.js';
import { CSV_TABLES, type CsvTable, type DocOutput } from './output.js';

export interface ManifestInfo {
  toolVersion: string;
  rulesDigest: string;
  /** Write the CSVs with a byte-order mark, for spreadsheet programs (--excel). */
  bom?: boolean;
}

interface Placed { docId: string; frags: Partial<Record<CsvTable, [number, number]>> }

const STAGING = '.pressmill-staging-';
/** Size of the pieces CSV rows are written and copied in. */
const FLUSH_BYTES = 1 << 20;

interface RowsFile { fd: number; size: number; buf: Buffer; bufBytes: number }

function flush(f: RowsFile): void {
  if (!f.bufBytes) return;
  writeSync(f.fd, f.buf, 0, f.bufBytes);
  f.bufBytes = 0;
}

/** A file of the dataset: its path under the output folder ('/'-separated), byte size and SHA-256. */
export type FileDigest = [path: string, size: number, sha256: string];

/** Remove the staging folders that killed runs left beside or inside an output folder (their process is gone). */
export function removeDeadStaging(out: string): void {
  for (const [dir, prefix] of [[dirname(out), `${STAGING}${basename(out)}-`], [out, STAGING]] as const) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const n of names) {
      if (!n.startsWith(prefix)) continue;
      const pid = Number(n.slice(n.lastIndexOf('-') + 1));
      if (pid !== process.pid && !alive(pid)) rmSync(join(dir, n), { recursive: true, force: true });
    }
  }
}

export class DatasetWriter {
  readonly staging: string;
  /** Every file this writer put in the output folder, with its size and digest. */
  private readonly digests: FileDigest[] = [];
  private readonly fds = new Map<CsvTable, RowsFile>();
  private readonly docs: Placed[] = [];
  private readonly ids = new Map<string, string>();
  private readonly inputs: { doc_id: string; path: string; sha256: string; status: 'ok' | 'skipped'; messages?: { severity: string; reason: string; rule: string | null }[] }[] = [];
  private tmpNo = 0;
  /** Folders of the output already made. */
  private readonly dirs = new Set<string>();

  /** `keepDigests`: keep each written file's size and SHA-256 (for the record of a run, `files()`). */
  constructor(readonly out: string, private readonly keepDigests = false) {
    mkdirSync(out, { recursive: true });
    const parent = dirname(out);
    removeDeadStaging(out);
    this.staging = join(parent, `${STAGING}${basename(out)}-${process.pid}`);
    rmSync(this.staging, { recursive: true, force: true });
    try {
      mkdirSync(this.staging, { recursive: true });
    } catch {
      // A parent folder that cannot be written: stage inside the output folder, still on its file system.
      this.staging = join(out, `${STAGING}${process.pid}`);
      rmSync(this.staging, { recursive: true, force: true });
      mkdirSync(this.staging, { recursive: true });
    }
  }

  /**
   * Add one document's output. A doc_id already taken by an earlier path turns the document into an error
   * message (returned), since its file would replace the other's.
   */
  add(o: DocOutput): DocOutput {
    const taken = this.ids.get(o.docId);
    if (o.json !== null && taken !== undefined) {
      o = { ...o, json: null, csv: {}, counts: {}, messages: [...o.messages, { severity: 'error', doc_id: o.docId, rule: null, reason: `${o.path}: doc_id "${o.docId}" is already the id of ${taken}; skipped` }] };
    }
    // The manifest keeps each document's messages, so a review of the output shows them.
    const messages = o.messages.map(m => ({ severity: m.severity, reason: m.reason, rule: m.rule }));
    this.inputs.push({ doc_id: o.docId, path: o.path, sha256: o.sha256, status: o.json !== null ? 'ok' : 'skipped', ...(messages.length ? { messages } : {}) });
    if (o.json === null) return o;
    this.ids.set(o.docId, o.path);
    this.place(join(this.out, 'json', `${o.docId}.json`), o.json);
    const placed: Placed = { docId: o.docId, frags: {} };
    for (const t of CSV_TABLES) {
      const rows = o.csv[t];
      if (!rows?.byteLength) continue;
      let f = this.fds.get(t);
      if (!f) { f = { fd: openSync(join(this.staging, `${t}.rows`), 'w'), size: 0, buf: Buffer.allocUnsafe(FLUSH_BYTES), bufBytes: 0 }; this.fds.set(t, f); }
      const n = rows.byteLength;
      placed.frags[t] = [f.size, n];
      f.size += n;
      // Rows are copied into a buffer and written in large pieces: one write per document and table would cost
      // more than the rows. They are copied, not kept: they may lie in a worker's ring, freed once this returns.
      if (f.bufBytes + n > FLUSH_BYTES) flush(f);
      if (n >= FLUSH_BYTES) writeSync(f.fd, rows);
      else { f.buf.set(rows, f.bufBytes); f.bufBytes += n; }
    }
    this.docs.push(placed);
    return o;
  }

  /** Assemble the CSVs (rows by doc_id) and the manifest, drop JSON files of documents no longer in the run. */
  finish(info: ManifestInfo): void {
    for (const f of this.fds.values()) { flush(f); closeSync(f.fd); }
    const order = [...this.docs].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
    // One buffer for every copy: a new one per piece left tens of megabytes of garbage at the end of a run.
    const buf = Buffer.allocUnsafe(FLUSH_BYTES);
    for (const t of CSV_TABLES) {
      const tmp = join(this.staging, `${t}.csv`);
      const fd = openSync(tmp, 'w');
      const hash = createHash('sha256');
      const header = Buffer.from((info.bom ? '\uFEFF' : '') + csvHeader(t), 'utf8');
      writeSync(fd, header);
      if (this.keepDigests) hash.update(header);
      let size = header.length;
      const src = this.fds.has(t) ? openSync(join(this.staging, `${t}.rows`), 'r') : null;
      if (src !== null) {
        // Documents mostly arrive in doc_id order: copy each run of adjacent fragments in one read and write.
        let runStart = -1, runEnd = -1;
        const copy = () => {
          for (let at = runStart; at < runEnd; at += FLUSH_BYTES) {
            const len = Math.min(FLUSH_BYTES, runEnd - at);
            readSync(src, buf, 0, len, at);
            writeSync(fd, buf, 0, len);
            if (this.keepDigests) hash.update(buf.subarray(0, len));
            size += len;
          }
        };
        for (const d of order) {
          const fr = d.frags[t];
          if (!fr || fr[1] === 0) continue;
          if (fr[0] === runEnd) { runEnd += fr[1]; continue; }
          if (runEnd > runStart) copy();
          runStart = fr[0]; runEnd = fr[0] + fr[1];
        }
        if (runEnd > runStart) copy();
        closeSync(src);
      }
      closeSync(fd);
      mkdirSync(join(this.out, 'csv'), { recursive: true });
      renameSync(tmp, join(this.out, 'csv', `${t}.csv`));
      if (this.keepDigests) this.digests.push([`csv/${t}.csv`, size, hash.digest('hex')]);
    }
    const inputs = [...this.inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest = { tool: 'pressmill', tool_version: info.toolVersion, schema_version: SCHEMA_VERSION, rules_digest: info.rulesDigest, inputs };
    this.place(join(this.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    this.place(join(this.out, 'datapackage.json'), dataPackage({ toolVersion: info.toolVersion, rulesDigest: info.rulesDigest, bom: !!info.bom }));
    this.place(join(this.out, 'schema', 'document.schema.json'), documentJsonSchema());
    removeStale(join(this.out, 'json'), new Set(this.docs.map(d => join(this.out, 'json', `${d.docId}.json`))));
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** The files of the finished dataset, by path, with their sizes and digests. */
  files(): FileDigest[] {
    return [...this.digests].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Abandon the run: the staging folder goes, the output keeps what was placed. */
  abort(): void {
    for (const f of this.fds.values()) { try { closeSync(f.fd); } catch { /* already closed */ } }
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Put a file in place whole: unchanged content is left alone, new content is written in staging and renamed. */
  private place(target: string, content: string | Uint8Array): void {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (this.keepDigests) this.digests.push([relative(this.out, target).split(sep).join('/'), data.byteLength, createHash('sha256').update(data).digest('hex')]);
    // Unchanged content is left alone: same size first (cheap), then the same bytes.
    const st = statSync(target, { throwIfNoEntry: false });
    if (st?.size === data.byteLength && Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(readFileSync(target))) return;
    const dir = dirname(target);
    if (!this.dirs.has(dir)) { mkdirSync(dir, { recursive: true }); this.dirs.add(dir); }
    const tmp = join(this.staging, `f${this.tmpNo++}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function removeStale(dir: string, keep: Set<string>): void {
  for (const p of jsonFilesUnder(dir)) if (!keep.has(p)) rmSync(p, { force: true });
}

/** The per-document JSON files under a folder (and its sub-folders, whose names have no dot). */
export function jsonFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try { names = readdirSync(d); } catch { return; }
    for (const n of names) {
      const p = join(d, n);
      if (n.endsWith('.json')) out.push(p);
      else if (!n.includes('.')) walk(p);
    }
  };
  walk(dir);
  return out;
}
