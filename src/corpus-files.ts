/** The files of a corpus and reading them: what the main thread of a batch needs, without the pipeline. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { docIdFromPath } from './document/doc-id.js';
import type { Message } from './extract/pipeline.js';
import type { DocumentResult } from './schema/records.js';

export interface CorpusInput { path: string; abs: string; docId: string }

/** The files of a corpus (or a single file), sorted by relative path. */
export function listCorpus(root: string): CorpusInput[] {
  const st = statSync(root);
  if (st.isFile()) {
    const name = root.split(/[\\/]/).pop()!;
    return [{ path: name, abs: root, docId: docIdFromPath(name) }];
  }
  const out: CorpusInput[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (/\.(txt|md)$/i.test(name)) {
        const rel = relative(root, p).split(sep).join('/');
        out.push({ path: rel, abs: p, docId: docIdFromPath(rel) });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface DocOutcome {
  input: CorpusInput;
  sha256: string;
  result: DocumentResult | null;
  messages: Message[];
  /** Numbers no record holds, and the rules that made or dropped something (for the corpus summary). */
  stats?: { unclaimed: number; fired: string[] };
}

/** Read a corpus file; an unreadable one is an error outcome instead. */
export function readInput(input: CorpusInput): { bytes: Buffer; sha256: string } | DocOutcome {
  try {
    const bytes = readFileSync(input.abs);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (e) {
    return { input, sha256: '', result: null, messages: [{ severity: 'error', doc_id: input.docId, rule: null, reason: `${input.path}: cannot read: ${(e as Error).message}` }] };
  }
}

