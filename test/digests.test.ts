import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allHold, allHoldParallel, holds, PARALLEL_FILES, type Expected } from '../dist/batch/digests.js';
import { tmp } from './helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('checking recorded files (an unchanged re-run)', () => {
  const dir = tmp('pressmill-digests-');
  const file = (name: string, text: string): Expected => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return { path, sha256: sha(text), size: Buffer.byteLength(text) };
  };

  it('holds: the same bytes, not a changed byte, a changed size or a missing file', () => {
    const f = file('a.json', '{"a":1}\n');
    expect(holds(f)).toBe(true);
    expect(holds({ path: f.path, sha256: f.sha256 })).toBe(true);
    expect(holds({ ...f, sha256: sha('{"a":2}\n') })).toBe(false);
    expect(holds({ ...f, size: 9 })).toBe(false);
    expect(holds({ ...f, path: join(dir, 'missing.json') })).toBe(false);
  });

  // Enough files for a second thread, which takes the odd ones: a change among either half is found.
  const many = Array.from({ length: PARALLEL_FILES + 10 }, (_, i) => file(`doc-${i}.txt`, `release ${i}\n`));
  it('two threads find every file unchanged', async () => {
    expect(await allHoldParallel(many, 2)).toBe(true);
    expect(allHold(many)).toBe(true);
  });

  it.each([['an even', 500], ['an odd', 501], ['the last', PARALLEL_FILES + 9]])('two threads find %s file changed', async (_, at) => {
    const changed = many.map((e, i) => (i === at ? { ...e, sha256: sha('something else') } : e));
    expect(await allHoldParallel(changed, 2)).toBe(false);
    expect(allHold(changed)).toBe(false);
  });

  it('one thread checks a short list, and a list on a one-core machine', async () => {
    expect(await allHoldParallel(many.slice(0, 10), 2)).toBe(true);
    expect(await allHoldParallel([...many.slice(0, 10), { ...many[0]!, size: 1 }], 2)).toBe(false);
    expect(await allHoldParallel(many, 1)).toBe(true);
  });
});
