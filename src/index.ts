/** The library entry: `import { extract } from 'pressmill'` returns the typed records of one document. */
import { extractText } from './extract/pipeline.js';
import { loadRules, type RuleSet } from './rules/load.js';
import type { DocumentResult } from './schema/records.js';
import { BUNDLED_RULES } from './rules/bundled.js';

export * from './schema/records.js';
export { loadRules, RuleError, type RuleSet } from './rules/load.js';
export type { Message } from './extract/pipeline.js';

/** The rules folder that ships with the package. */
export { BUNDLED_RULES };

let bundled: RuleSet | null = null;

export interface ExtractInput {
  /** Document id; default "document". */
  docId?: string;
  /** Path recorded in the documents row; its extension picks Markdown (.md) or plain text. */
  path?: string;
  /** Reference date (YYYY-MM-DD) when the text has no front matter `published`. */
  referenceDate?: string;
  /** Rules to use; default the bundled rules/. */
  rules?: RuleSet;
}

/** Extract the records of one document's text. */
export function extract(text: string, input: ExtractInput = {}): DocumentResult {
  const rules = input.rules ?? (bundled ??= loadRules(BUNDLED_RULES));
  const path = input.path ?? 'document.txt';
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return extractText(t, rules, { docId: input.docId ?? 'document', path, markdown: /\.md$/i.test(path), referenceDate: input.referenceDate ?? null }).result;
}
