/** Parses the numbers rules capture: numerals with separators and decimals, and number words via the lexicon and compromise. */
import nlp from 'compromise';
import type { Lexicon } from '../rules/load.js';

/** "1,250,000" → 1250000, "6.58" → 6.58, "12 500" (space-grouped) → 12500; null when it is not a numeral. */
export function parseNumeral(s: string): number | null {
  const t = s.replace(/[\s\u00a0\u202f]/g, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const wordCache = new Map<string, number | null>();

/** Number words: the number_words lexicon first ("a dozen", "seven"), compromise for compounds ("two hundred and fifty"). */
export function parseNumberWords(s: string, words: Lexicon): number | null {
  const key = s.toLowerCase().replace(/[\s\u00a0-]+/g, ' ').trim();
  const direct = words.get(key);
  if (typeof direct === 'number') return direct;
  if (wordCache.has(key)) return wordCache.get(key)!;
  const got = nlp(key).numbers().get() as unknown[];
  const v = got.length === 1 && typeof got[0] === 'number' && Number.isFinite(got[0]) ? got[0] : null;
  wordCache.set(key, v);
  return v;
}

/** Round away binary noise from scaling ("150.3 billion" is exactly 150300000000). */
export function clean(v: number): number {
  return Number.parseFloat(v.toPrecision(12));
}
