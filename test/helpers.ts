import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';

/** Run the CLI in-process and capture its output. */
export async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '', stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => { stdout += s; } },
    stderr: { write: (s: string) => { stderr += s; } },
    env,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

export const tmp = (p = 'pressmill-') => mkdtempSync(join(tmpdir(), p));

/** Slice a text by code point offsets, as Python's text[start:end] does. */
export function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

export function readJson<T = Record<string, unknown>>(p: string): T {
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}
