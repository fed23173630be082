/**
 * The extraction cache: one file per document result, keyed by everything the result depends on (the file's
 * bytes, its corpus path, the rules digest, the tool's version and build, the options), never by file times.
 * Entries are written whole (temporary file, then rename), so a killed run leaves only complete entries.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../version.js';
import { SCHEMA_VERSION } from '../schema/records.js';
import type { DocOutput } from './output.js';

let build: string | null = null;
/**
 * A digest of the tool's own code (every file under dist/), so a rebuilt tool never reads results of an
 * older build that carried the same version number.
 */
export function buildDigest(): string {
  if (build) return build;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const h = createHash('sha256').update(TOOL_VERSION).update(SCHEMA_VERSION);
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.js')) h.update(n).update(readFileSync(p));
    }
  };
  walk(root);
  return (build = h.digest('hex'));
}

export interface CacheKeyParts { sha256: string; path: string; rulesDigest: string; referenceDate: string | null }

export class Cache {
  constructor(readonly dir: string) {}

  key(p: CacheKeyParts): string {
    return createHash('sha256').update(JSON.stringify([p.sha256, p.path, p.rulesDigest, buildDigest(), p.referenceDate])).digest('hex');
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): DocOutput | null {
    let text: string;
    try { text = readFileSync(this.file(key), 'utf8'); } catch { return null; }
    try { return JSON.parse(text) as DocOutput; } catch { return null; }
  }

  put(key: string, out: DocOutput): void {
    const f = this.file(key);
    mkdirSync(dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, f);
    } catch {
      // A cache that cannot be written costs speed, never results.
      rmSync(tmp, { force: true });
    }
  }
}
