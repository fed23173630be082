/** `--shard i/n`: a deterministic share of a corpus, by a hash of each document's path-given doc_id. */
import { createHash } from 'node:crypto';

export interface Shard { index: number; count: number }

/** Parse "i/n" (1 <= i <= n), or return an error message. */
export function parseShard(v: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) return `--shard "${v}" is not of the form i/n (e.g. 1/3)`;
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard "${v}": i must be between 1 and n`;
  return { index, count };
}

/** The shard (1..n) a document belongs to. */
export function shardOf(docId: string, count: number): number {
  return (createHash('sha256').update(docId).digest().readUInt32BE(0) % count) + 1;
}
