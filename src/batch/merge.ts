/**
 * `pressmill merge`: the outputs of shard runs combined into one dataset. Each shard's per-document JSON is
 * taken as written and its CSV rows rebuilt from it; the writer orders everything as a single run does, so
 * the merged dataset is byte-identical to one run over the whole corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentResult } from '../schema/records.js';
import { tablesOf, type DocOutput } from './output.js';
import { DatasetWriter } from './writer.js';

interface Manifest {
  tool_version: string;
  schema_version: string;
  rules_digest: string;
  inputs: { doc_id: string; path: string; sha256: string; status: 'ok' | 'skipped'; messages?: DocOutput['messages'] }[];
}

/** Merge shard outputs into out; a string is the reason nothing was written. */
export function mergeDatasets(dirs: string[], out: string, bom = false): { documents: number; skipped: number } | string {
  const manifests: { dir: string; m: Manifest }[] = [];
  for (const dir of dirs) {
    const f = join(dir, 'manifest.json');
    if (!existsSync(f)) return `${dir}: no manifest.json (not a pressmill output folder?)`;
    try { manifests.push({ dir, m: JSON.parse(readFileSync(f, 'utf8')) as Manifest }); } catch (e) { return `${f}: ${(e as Error).message}`; }
  }
  const first = manifests[0]!.m;
  for (const { dir, m } of manifests) {
    for (const k of ['tool_version', 'schema_version', 'rules_digest'] as const) {
      if (m[k] !== first[k]) return `${dir}: ${k} ${m[k]} differs from ${manifests[0]!.dir}'s ${first[k]}; shards must come from the same tool and rules`;
    }
  }
  const entries = manifests.flatMap(({ dir, m }) => m.inputs.map(i => ({ dir, i })));
  entries.sort((a, b) => (a.i.path < b.i.path ? -1 : a.i.path > b.i.path ? 1 : 0));
  for (let k = 1; k < entries.length; k++) {
    if (entries[k]!.i.path === entries[k - 1]!.i.path) return `${entries[k]!.i.path} is in both ${entries[k - 1]!.dir} and ${entries[k]!.dir}; shards must not overlap`;
  }
  for (const { dir, i } of entries) {
    if (i.status === 'ok' && !existsSync(join(dir, 'json', `${i.doc_id}.json`))) return `${join(dir, 'json', `${i.doc_id}.json`)}: listed in the manifest but missing`;
  }
  // One document at a time, so memory stays flat however many shards and documents there are.
  const writer = new DatasetWriter(out);
  let documents = 0, skipped = 0;
  try {
    for (const { dir, i } of entries) {
      let d: DocOutput = { path: i.path, docId: i.doc_id, sha256: i.sha256, json: null, csv: {}, counts: {}, messages: (i.messages ?? []).map(m => ({ ...m, doc_id: i.doc_id })) };
      if (i.status === 'ok') {
        const json = readFileSync(join(dir, 'json', `${i.doc_id}.json`));
        d = { ...d, json, ...tablesOf(JSON.parse(json.toString('utf8')) as DocumentResult) };
      }
      if (writer.add(d).json !== null) documents++; else skipped++;
    }
    writer.finish({ toolVersion: first.tool_version, rulesDigest: first.rules_digest, bom });
  } catch (e) {
    writer.abort();
    throw e;
  }
  return { documents, skipped };
}
