import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { score } from '../dist/eval/score.js';
import { run, tmp } from './helpers.js';

describe('pressmill eval', () => {
  it('scores value, unit and metric matches, and field accuracy', () => {
    const s = score([{
      id: 'd',
      gold: { targets: [{ value: 6, unit: '%', metric: 'retail sales', comparator: '=', period: '2023' }, { value: 9, unit: '%', metric: 'exports', comparator: '=' }] },
      pred: { targets: [{ value: 6, unit: '%', metric: 'retail sales growth', comparator: '>', period: '2023' }, { value: 2, unit: 'USD', metric: 'x' }] },
    }]);
    expect(s.types.targets).toMatchObject({ tp: 1, fp: 1, fn: 1, p: 0.5, r: 0.5, f1: 0.5 });
    expect(s.fields['targets.comparator']).toMatchObject({ ok: 0, n: 1 });
    expect(s.fields['targets.period']).toMatchObject({ ok: 1, n: 1 });
  });

  const REF = '../shared/tools/score.mjs';
  it.skipIf(!existsSync(REF))('agrees with the reference scorer on the annotated corpus', async () => {
    const out = tmp();
    await run(['extract', 'corpus', '--out', out]);
    const ours = JSON.parse((await run(['eval', '--pred', `${out}/json`, '--gold', 'test/annotations', '--json'])).stdout);
    const ref = JSON.parse(execFileSync('node', [REF, '--pred', `${out}/json`, '--gold', 'test/annotations', '--json'], { encoding: 'utf8' }));
    expect(ours.types).toEqual(ref.types);
    expect(ours.fields).toEqual(ref.fields);
    const direct = JSON.parse((await run(['eval', 'corpus', '--gold', 'test/annotations', '--json'])).stdout);
    expect(direct.types).toEqual(ref.types);
  });
});
