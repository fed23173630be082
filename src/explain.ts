/**
 * Why a document came out as it did: sentence by sentence, the records built and the rule behind each; every
 * number that no record holds ("unclaimed"), and for each the rules that came closest and what stopped them.
 */
import { CodePoints } from './document/offsets.js';
import { extractText, type ExtractOptions } from './extract/pipeline.js';
import { findQuantities } from './extract/quantities.js';
import type { RuleSet } from './rules/load.js';
import { TABLE_NAMES, type DocumentResult, type TableName } from './schema/records.js';
import type { ParsedDocument } from './document/parse.js';

export interface ExplainedRecord { table: TableName; id: string; text: string; rule: string; fields: Record<string, unknown> }
export interface NearMiss { rule: string; reason: string }
export interface Unclaimed { text: string; start: number; end: number; sentence: number; near: NearMiss[] }
export interface Explanation {
  doc_id: string;
  path: string;
  sentences: { n: number; start: number; end: number; text: string; records: ExplainedRecord[] }[];
  unclaimed: Unclaimed[];
}

/** Digits, with separators inside ("2,100", "4.5", "202-564-4355" is three). */
const NUMBER = /\d+(?:[.,]\d+)*/gu;
/** Tables whose records hold numbers. */
const NUMERIC: TableName[] = ['targets', 'figures', 'dates'];

/** Numbers of the text that no target, figure or date covers, as code-point spans with their sentence index. */
export function unclaimedNumbers(result: DocumentResult, parsed: ParsedDocument): { text: string; start: number; end: number; sentence: number; utf16: [number, number] }[] {
  const cp = new CodePoints(parsed.text);
  // The spans records cover, merged into disjoint runs, so each number is looked up by binary search.
  const sorted = NUMERIC.flatMap(t => (result[t] as { start: number; end: number }[]).map(r => [r.start, r.end] as [number, number])).sort((a, b) => a[0] - b[0]);
  const runs: [number, number][] = [];
  for (const [x, y] of sorted) {
    const last = runs[runs.length - 1];
    if (last && x <= last[1]) last[1] = Math.max(last[1], y); else runs.push([x, y]);
  }
  const covered = (start: number, end: number) => {
    let lo = 0, hi = runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [x, y] = runs[mid]!;
      if (y <= start) lo = mid + 1; else if (x >= end) hi = mid - 1; else return true;
    }
    return false;
  };
  const out: { text: string; start: number; end: number; sentence: number; utf16: [number, number] }[] = [];
  parsed.sentences.forEach((s, i) => {
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s.text); m; m = NUMBER.exec(s.text)) {
      const a = s.start + m.index, b = a + m[0].length;
      const start = cp.at(a), end = cp.at(b);
      if (covered(start, end)) continue;
      out.push({ text: m[0], start, end, sentence: i, utf16: [a, b] });
    }
  });
  return out;
}

/** Explain one document's text. */
export function explainText(text: string, rules: RuleSet, opts: ExtractOptions): Explanation {
  const { result, parsed } = extractText(text, rules, opts);
  const cp = new CodePoints(text);
  const records = TABLE_NAMES.flatMap(table => (result[table] as unknown as Record<string, unknown>[]).map(r => ({ table, r })));
  const sentences = parsed.sentences.map((s, i) => {
    const a = cp.at(s.start), b = cp.at(s.end);
    const inside = records.filter(({ r }) => typeof r.start === 'number' && (r.start as number) >= a && (r.start as number) < b);
    return {
      n: i + 1, start: a, end: b, text: s.text,
      records: inside.map(({ table, r }) => {
        const { id, text: t, rule, doc_id: _d, sentence: _s, start: _a, end: _b, ...fields } = r;
        return { table, id: String(id), text: String(t), rule: String(rule), fields };
      }),
    };
  });
  const unclaimed = unclaimedNumbers(result, parsed).map(u => {
    const s = parsed.sentences[u.sentence]!;
    const block = parsed.blocks[s.block]!.kind;
    return { text: u.text, start: u.start, end: u.end, sentence: u.sentence + 1, near: nearMisses(s.text, s.start, block, u.utf16, rules) };
  });
  return { doc_id: result.document.doc_id, path: result.document.path, sentences, unclaimed };
}

/** The quantity rules that came closest to a number, and what stopped each. */
function nearMisses(sentence: string, base: number, block: 'title' | 'heading' | 'paragraph', [a, b]: [number, number], rules: RuleSet): NearMiss[] {
  const out: NearMiss[] = [];
  const overlaps = (s: number, e: number) => s < b && a < e;
  const { dropped } = findQuantities(sentence, base, rules, block);
  for (const d of dropped) {
    if (overlaps(d.q.start, d.q.end)) out.push({ rule: d.q.rule.id, reason: `matched "${d.q.text}", then excluded by ${d.by.rule.id} ("${sentence.slice(d.by.start - base, d.by.end - base)}")` });
  }
  for (const rule of rules.rules.get('quantity')!) {
    if (out.some(o => o.rule === rule.id)) continue;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(sentence); m; m = rule.regex.exec(sentence)) {
      if (m[0].length === 0) { rule.regex.lastIndex++; continue; }
      if (!overlaps(base + m.index, base + m.index + m[0].length)) continue;
      if (rule.when?.block && !rule.when.block.includes(block)) out.push({ rule: rule.id, reason: `matches "${m[0]}" but runs only in ${rule.when.block.join(', ')}, not in a ${block}` });
      else if (rule.prefilter && !rule.prefilter.test(sentence)) out.push({ rule: rule.id, reason: `matches "${m[0]}" but its when.contains test fails on the sentence` });
      break;
    }
  }
  if (!out.length) out.push({ rule: '-', reason: 'no quantity or date rule matches here' });
  return out;
}

/** The explanation as text, for a terminal. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  const n = e.sentences.reduce((k, s) => k + s.records.length, 0);
  lines.push(`${e.path} (${e.doc_id}): ${e.sentences.length} sentences, ${n} records, ${e.unclaimed.length} unclaimed numbers`);
  for (const s of e.sentences) {
    lines.push('', `[${s.n}] ${s.text}`);
    for (const r of s.records) {
      const f = r.fields;
      const detail = r.table === 'targets' || r.table === 'figures'
        ? `${f.comparator} ${f.value}${f.unit ? ` ${f.unit}` : ''}${f.period ? `, period ${f.period}` : ''}${f.metric ? `, metric "${f.metric}"` : ''}${f.subject ? `, subject "${f.subject}"` : ''}`
        : r.table === 'dates' ? `${f.value} (${f.type})` : r.table === 'statements' ? `${f.kind}, cue "${f.cue}"` : r.table === 'entities' ? `${f.type}` : r.table === 'speakers' ? `${f.title ?? ''}` : '';
      lines.push(`    ${r.table.replace(/s$/, '').padEnd(9)} «${r.text}» [${r.rule}] ${detail}`.trimEnd());
    }
  }
  lines.push('', e.unclaimed.length ? 'Unclaimed numbers:' : 'Unclaimed numbers: none');
  for (const u of e.unclaimed) {
    lines.push(`  «${u.text}» in sentence ${u.sentence} at ${u.start}:`);
    for (const m of u.near) lines.push(`    ${m.rule === '-' ? '' : `${m.rule}: `}${m.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
