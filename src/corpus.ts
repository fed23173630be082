/** Runs the pipeline over a corpus folder: every .txt and .md file, in a stable order; a bad file is a message, not a stop. */
import { decode } from './document/decode.js';
import { extractTexts, type ExtractItem, type Hold, type Message } from './extract/pipeline.js';
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
  return extractAllBytes([{ input, bytes, sha256 }], rules, referenceDate)[0]!;
}

/** A file read for extraction: which input, its bytes and their SHA-256. */
export interface ReadFile { input: CorpusInput; bytes: Uint8Array; sha256: string }

/**
 * Decode and extract several files as one batch (extractTexts), in their order; undecodable bytes become an
 * error message. Throws when the pipeline throws on any of them: run them one at a time to find which. `hold`
 * receives the batch's working objects (see Hold).
 */
export function extractAllBytes(files: readonly ReadFile[], rules: RuleSet, referenceDate: string | null, hold?: Hold): DocOutcome[] {
  const out: (DocOutcome | null)[] = [];
  const items: ExtractItem[] = [];
  const at: number[] = [];
  for (const { input, bytes, sha256 } of files) {
    const d = decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!d.ok) { out.push({ input, sha256, result: null, messages: [{ severity: 'error', doc_id: input.docId, rule: null, reason: `${d.reason}; skipped` }] }); continue; }
    at.push(out.length);
    out.push(null);
    items.push({ text: d.text, opts: { docId: input.docId, path: input.path, markdown: /\.md$/i.test(input.path), referenceDate, sha256 } });
  }
  extractTexts(items, rules, undefined, hold).forEach((x, k) => {
    const f = files[at[k]!]!;
    out[at[k]!] = { input: f.input, sha256: f.sha256, result: x.result, messages: x.messages, stats: { unclaimed: unclaimedNumbers(x.result, x.parsed).length, fired: [...x.fired].sort() } };
  });
  return out as DocOutcome[];
}
