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
import type { RuleSetData } from '../rules/snapshot.js';
import { writeAtomic } from '../output/write.js';

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

  /**
   * A rules folder with this digest as this build loaded and checked it before (a rule set as data, which
   * worker threads rebuild without reading the folder), or null.
   */
  rulesChecked(rulesDigest: string): RuleSetData | null {
    try {
      const data = JSON.parse(readFileSync(this.rulesMark(rulesDigest), 'utf8')) as RuleSetData;
      return data.digest === rulesDigest ? data : null;
    } catch {
      return null;
    }
  }

  /** Remember a rules folder that loads and checks cleanly with this build, as data. */
  markRulesChecked(data: RuleSetData): void {
    try { writeAtomic(this.rulesMark(data.digest), JSON.stringify(data)); } catch { /* only speed is lost */ }
  }

  private rulesMark(rulesDigest: string): string {
    return join(this.dir, 'rules', createHash('sha256').update(`${rulesDigest}\0${buildDigest()}`).digest('hex'));
  }

  /**
   * An entry is one line of JSON (the small fields and the byte length of each text), then the texts
   * themselves as UTF-8: the large strings are sliced out, not parsed.
   */
  get(key: string): DocOutput | null {
    let buf: Buffer;
    try { buf = readFileSync(this.file(key)); } catch { return null; }
    try {
      const nl = buf.indexOf(10);
      const head = JSON.parse(buf.toString('utf8', 0, nl)) as Omit<DocOutput, 'json' | 'csv'> & { texts: [string, number][] };
      let at = nl + 1;
      const texts: Record<string, Uint8Array> = {};
      for (const [name, len] of head.texts) { texts[name] = buf.subarray(at, at + len); at += len; }
      if (at !== buf.length) return null;
      const { texts: _t, ...rest } = head;
      const csv: DocOutput['csv'] = {};
      for (const [name, v] of Object.entries(texts)) if (name !== 'json') csv[name as keyof DocOutput['csv']] = v;
      return { ...rest, json: 'json' in texts ? texts.json! : null, csv };
    } catch {
      return null;
    }
  }

  put(key: string, out: DocOutput): void {
    const f = this.file(key);
    mkdirSync(dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    const parts: [string, Uint8Array][] = [...(out.json !== null ? [['json', out.json] as [string, Uint8Array]] : []), ...Object.entries(out.csv) as [string, Uint8Array][]];
    const bufs = parts.map(([, v]) => v);
    const { json: _j, csv: _c, ...rest } = out;
    const head = Buffer.from(`${JSON.stringify({ ...rest, texts: parts.map(([n], i) => [n, bufs[i]!.length]) })}\n`, 'utf8');
    try {
      writeFileSync(tmp, Buffer.concat([head, ...bufs]));
      renameSync(tmp, f);
    } catch {
      // A cache that cannot be written costs speed, never results.
      rmSync(tmp, { force: true });
    }
  }
}
