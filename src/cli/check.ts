/** Compares a fresh extraction with golden per-document JSON and describes each difference by document, record and rule. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocOutcome } from '../corpus-files.js';
import { documentJson, writeAtomic } from '../output/write.js';
import { TABLE_NAMES } from '../schema/records.js';

type Row = Record<string, unknown>;
type DocJson = Record<string, Row | Row[]>;

export interface GoldenDiff { differences: number; report: string }

const fmt = (v: unknown) => JSON.stringify(v);

/** Compare (or, with update, rewrite) the goldens in dir. */
export function checkGolden(dir: string, outcomes: DocOutcome[], update: boolean): GoldenDiff {
  const lines: string[] = [];
  let differences = 0;
  const seen = new Set<string>();
  for (const o of outcomes) {
    if (!o.result) continue;
    const id = o.result.document.doc_id;
    seen.add(`${id}.json`);
    const file = join(dir, `${id}.json`);
    const now = documentJson(o.result);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (before === now) continue;
    differences++;
    if (update) { writeAtomic(file, now); lines.push(`updated ${id}`); continue; }
    if (before === null) { lines.push(`${id}: no golden file (${file}); run pressmill check --update and review the new file`); continue; }
    lines.push(...describe(id, JSON.parse(before) as DocJson, JSON.parse(now) as DocJson));
  }
  if (existsSync(dir)) for (const f of readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
    if (seen.has(f)) continue;
    differences++;
    lines.push(`${f.replace(/\.json$/, '')}: golden file has no document in the corpus`);
  }
  const summary = update ? `pressmill check: ${differences} golden files updated\n` : differences ? `pressmill check: ${differences} documents differ from the goldens\n` : `pressmill check: output matches the goldens\n`;
  return { differences, report: (lines.length ? `${lines.join('\n')}\n` : '') + summary };
}

/** Record-level differences: removed, added and changed records, naming the rule behind each. */
function describe(id: string, gold: DocJson, now: DocJson): string[] {
  const out: string[] = [];
  const gd = gold.document as Row, nd = now.document as Row;
  for (const k of new Set([...Object.keys(gd ?? {}), ...Object.keys(nd ?? {})])) if (fmt(gd?.[k]) !== fmt(nd?.[k])) out.push(`${id}: document.${k}: golden ${fmt(gd?.[k])}, now ${fmt(nd?.[k])}`);
  for (const t of TABLE_NAMES) {
    const key = (r: Row) => `${r.start}:${r.end}:${r.text}`;
    const g = new Map(((gold[t] as Row[]) ?? []).map(r => [key(r), r]));
    const n = new Map(((now[t] as Row[]) ?? []).map(r => [key(r), r]));
    for (const [k, r] of g) if (!n.has(k)) out.push(`${id}: - ${t} ${r.id} «${r.text}» [${r.rule}] is no longer produced`);
    for (const [k, r] of n) if (!g.has(k)) out.push(`${id}: + ${t} ${r.id} «${r.text}» [${r.rule}] is new`);
    for (const [k, r] of n) {
      const old = g.get(k);
      if (!old) continue;
      for (const f of new Set([...Object.keys(old), ...Object.keys(r)])) {
        if (fmt(old[f]) !== fmt(r[f])) out.push(`${id}: ~ ${t} ${r.id} «${r.text}» [${r.rule}] ${f}: golden ${fmt(old[f])}, now ${fmt(r[f])}`);
      }
    }
  }
  if (out.length === 0) out.push(`${id}: formatting differs (same records)`);
  return out;
}
