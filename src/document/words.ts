/** The words of a text as written (split at anything that is not a letter), for "does the text write this in lower case?". */
export function wordsOf(text: string): Set<string> {
  return new Set(text.split(/[^\p{L}]+/u).filter(Boolean));
}

/** Whether the text writes this word in lower case somewhere ("steel" for "Steel", "plan" for "Plan"). */
export function writesLower(words: Set<string>, word: string): boolean {
  return words.has(word.toLowerCase());
}
