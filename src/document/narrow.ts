/**
 * Strings stored one byte a character. V8 stores a string two bytes a character when any of its characters is
 * beyond Latin-1 (a curly quote, a dash, a euro sign), and so every slice of it, whatever the slice holds. Its
 * regex engine compiles a pattern once for each storage and runs the two-byte code about twice as slowly: the
 * rules, run on every sentence, read a sentence of such a document at half speed.
 */

/** A character beyond Latin-1. */
const WIDE = /[^\u0000-\u00ff]/u;

/** Whether a text holds a character beyond Latin-1 (so V8 stores it, and its slices, two bytes a character). */
export const isWide = (text: string): boolean => WIDE.test(text);

/** The same string stored one byte a character when every character fits in one, else the string itself. */
export function narrow(s: string): string {
  return WIDE.test(s) ? s : Buffer.from(s, 'latin1').toString('latin1');
}
