/** The reference date in SPEC's order: front matter, option, a dateline in the text, inference from the text's years. */
import type { Lexicon } from '../rules/load.js';
import type { ParsedDocument } from './parse.js';
import { memoByObject } from '../memo.js';

export type ReferenceSource = 'front-matter' | 'option' | 'text' | 'inferred' | 'none';
export interface ReferenceDate {
  value: string | null;
  source: ReferenceSource;
  year: number | null;
}

/** How far into the body a dateline or byline date may stand (UTF-16 units). */
const DATELINE_WINDOW = 400;

/** Normalise a front matter or option date to YYYY-MM-DD (a TIMEX datetime keeps its date part). */
export function normaliseIsoDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function resolveReferenceDate(doc: ParsedDocument, option: string | null, months: Lexicon): ReferenceDate {
  const fm = normaliseIsoDate(doc.frontMatter.published);
  if (fm) return { value: fm, source: 'front-matter', year: Number(fm.slice(0, 4)) };
  if (option) return { value: option, source: 'option', year: Number(option.slice(0, 4)) };
  const dl = dateline(doc, months);
  if (dl) return { value: dl, source: 'text', year: Number(dl.slice(0, 4)) };
  const y = inferYear(doc);
  if (y) return { value: String(y), source: 'inferred', year: y };
  return { value: null, source: 'none', year: null };
}

/** "May 5, 2024" and "5 May 2024" with a month of the list, made once per list (a document asks once each). */
const datelinePatterns = memoByObject((months: Lexicon) => {
  const month = months.alternation();
  return {
    mdY: new RegExp(`\\b(${month})\\.?\\s+(\\d{1,2}),?\\s*((?:19|20)\\d{2})\\b`, 'iu'),
    dmY: new RegExp(`\\b(\\d{1,2})\\s+(${month})\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'iu'),
  };
});

function dateline(doc: ParsedDocument, months: Lexicon): string | null {
  const body = doc.blocks.find(b => b.kind === 'paragraph');
  if (!body) return null;
  const head = doc.text.slice(body.start, Math.min(body.end, body.start + DATELINE_WINDOW));
  const { mdY, dmY } = datelinePatterns(months);
  const iso = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/u;
  const cands: { at: number; v: string | null }[] = [];
  let m = mdY.exec(head);
  if (m) cands.push({ at: m.index, v: ymd(m[3]!, months.get(m[1]!), m[2]!) });
  m = dmY.exec(head);
  if (m) cands.push({ at: m.index, v: ymd(m[3]!, months.get(m[2]!), m[1]!) });
  m = iso.exec(head);
  if (m) cands.push({ at: m.index, v: normaliseIsoDate(m[0]) });
  cands.sort((a, b) => a.at - b.at);
  return cands.find(c => c.v)?.v ?? null;
}

function ymd(y: string, month: unknown, d: string): string | null {
  if (typeof month !== 'number') return null;
  return normaliseIsoDate(`${y}-${String(month).padStart(2, '0')}-${d.padStart(2, '0')}`);
}

/**
 * Infer the year from the text's own explicit years: deadlines ("by 2027") and baselines point away from
 * the present, so they do not vote; the most frequent remaining year wins, ties going to the later year,
 * and it is never earlier than a year the text reports in the past tense plus one.
 */
function inferYear(doc: ParsedDocument): number | null {
  const votes = new Map<number, number>();
  let pastMax = 0;
  const re = /(\b(?:by|until|till|through|before|from|since|compared (?:to|with)|relative to|than)\s+(?:the\s+end\s+of\s+)?)?(?<![\d,.])\b((?:19|20)\d{2})\b(?![\d,.]\d)(\s+levels?)?/giu;
  for (const s of doc.sentences) {
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      const y = Number(m[2]);
      if (m[1] || m[3]) continue;
      votes.set(y, (votes.get(y) ?? 0) + 1);
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 60);
      if (/^,?\s+(?:(?!(?:that|which|who|whom)\s)[\p{L}-]+\s+){0,3}?(?:has|have|had|was|were|\p{L}+ed)\b/iu.test(after) || /\blast year\b/iu.test(s.text)) pastMax = Math.max(pastMax, y);
    }
  }
  if (votes.size === 0) return null;
  let best = 0, bestN = -1;
  for (const [y, n] of votes) if (n > bestN || (n === bestN && y > best)) { best = y; bestN = n; }
  return pastMax && best <= pastMax ? pastMax + 1 : best;
}
