/** Runs the pipeline over a corpus folder: every .txt and .md file, in a stable order; a bad file is a message, not a stop. */
import { decode } from './document/decode.js';
import { extractText, type Message } from './extract/pipeline.js';
import { unclaimedNumbers } from './explain.js';
import type { RuleSet } from './rules/load.js';
import type { DocumentResult } from './schema/records.js';
import { readInput, type CorpusInput, type DocOutcome } from './corpus-files.js';

export { listCorpus, readInput, type CorpusInput, type DocOutcome } from './corpus-files.js';

/** Extract one file: read, decode and run the pipeline; unreadable or undecodable files become an error message. */
export function extractFile(input: CorpusInput, rules: RuleSet, referenceDate: string | null): DocOutcome {
  const read = readInput(input);
  if ('input' in read) return read;
  return extractBytes(input, read.bytes, read.sha256, rules, referenceDate);
}

/** Decode and extract a file's bytes; undecodable bytes become an error message. */
export function extractBytes(input: CorpusInput, bytes: Uint8Array, sha256: string, rules: RuleSet, referenceDate: string | null): DocOutcome {
  const d = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!d.ok) return { input, sha256, result: null, messages: [{ severity: 'error', doc_id: input.docId, rule: null, reason: `${d.reason}; skipped` }] };
  const { result, messages, parsed, fired } = extractText(d.text, rules, {
    docId: input.docId,
    path: input.path,
    markdown: /\.md$/i.test(input.path),
    referenceDate,
    sha256,
  });
  return { input, sha256, result, messages, stats: { unclaimed: unclaimedNumbers(result, parsed).length, fired: [...fired].sort() } };
}
