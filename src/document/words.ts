/** The words of a text as written (split at anything that is not a letter), for "does the text write this in lower case?". */
export function wordsOf(text: string): Set<string> {
  return new Set(text.split(/[^\p{L}]+/u).filter(Boolean));
}

/** Whether the text writes this word in lower case somewhere ("steel" for "Steel", "plan" for "Plan"). */
export function writesLower(words: Set<string>, word: string): boolean {
  return words.has(word.toLowerCase());
}

/** How often a text writes each word as written (hyphenated words whole: "Chi-fung"). */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.split(/[^\p{L}-]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
