/**
 * Rule sets sent to worker threads as data (src/rules/snapshot.ts): the rebuilt set must be the same rule set,
 * down to what it extracts, whether the data was cloned to a thread or read back from the cache as JSON.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { extractText } from '../dist/extract/pipeline.js';
import { ruleSetData, ruleSetFromData } from '../dist/rules/snapshot.js';
import { lookaroundGroups } from '../dist/rules/spans.js';
import { Cache } from '../dist/batch/cache.js';
import { prebuiltRules, writePrebuiltRules } from '../dist/batch/prebuilt.js';
import { rulesDigest } from '../dist/rules/load.js';
import { tmp } from './helpers.js';

const loaded = loadRules(BUNDLED_RULES);
const data = ruleSetData(loaded);
const json = JSON.stringify(data);

describe('a rule set sent as data', () => {
  it('rebuilds to the same rule set, from a structured clone or from JSON', () => {
    for (const copy of [structuredClone(data), JSON.parse(json)]) {
      const rebuilt = ruleSetFromData(copy);
      expect(JSON.stringify(ruleSetData(rebuilt))).toBe(json);
      expect(rebuilt.all().map(r => r.id)).toEqual(loaded.all().map(r => r.id));
      expect(rebuilt.all().map(r => [r.regex.source, r.regex.flags, r.prefilter?.source ?? null, r.triggers]))
        .toEqual(loaded.all().map(r => [r.regex.source, r.regex.flags, r.prefilter?.source ?? null, r.triggers]));
      expect(rebuilt.macro('person_name')).toBe(loaded.macro('person_name'));
      expect(rebuilt.lex('speech_verbs').alternation()).toBe(loaded.lex('speech_verbs').alternation());
    }
  });

  it('carries the groups that sit inside a lookaround, which the worker does not parse again', () => {
    const rebuilt = ruleSetFromData(JSON.parse(json));
    const withLookaround = loaded.all().filter(r => lookaroundGroups(r).length > 0);
    expect(withLookaround.length).toBeGreaterThan(0);
    for (const r of withLookaround) expect(lookaroundGroups(rebuilt.all().find(x => x.id === r.id)!)).toEqual(lookaroundGroups(r));
    // What the data says is what the thread uses: a list it did not work out itself shows it was not parsed.
    const marked = JSON.parse(json) as typeof data;
    marked.rules[0]![1][0]!.lookaround = ['marked'];
    expect(lookaroundGroups(ruleSetFromData(marked).rules.get(marked.rules[0]![0])![0]!)).toEqual(['marked']);
  });

  it('extracts exactly what the loaded rule set extracts from every corpus document', () => {
    const rebuilt = ruleSetFromData(JSON.parse(json));
    const names = readdirSync('corpus').filter(n => /\.(md|txt)$/.test(n)).sort();
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const text = readFileSync(join('corpus', name), 'utf8');
      const opts = { docId: name, path: name, markdown: name.endsWith('.md'), referenceDate: null };
      expect(JSON.stringify(extractText(text, rebuilt, opts).result), name).toBe(JSON.stringify(extractText(text, loaded, opts).result));
    }
  });
});

describe('the cache’s record of a checked rules folder', () => {
  it('gives back the rule set’s data for its digest, and nothing for another digest or an older record', () => {
    const cache = new Cache(tmp('pressmill-rules-cache-'));
    expect(cache.rulesChecked(data.digest)).toBeNull();
    cache.markRulesChecked(data);
    expect(JSON.stringify(cache.rulesChecked(data.digest))).toBe(json);
    expect(cache.rulesChecked('0'.repeat(64))).toBeNull();
  });

  it('reads a record in the format of an older build (a list of rule ids) as no record', () => {
    const dir = tmp('pressmill-rules-cache-');
    const cache = new Cache(dir);
    cache.markRulesChecked(data);
    const marks = readdirSync(join(dir, 'rules'));
    expect(marks).toHaveLength(1);
    const f = join(dir, 'rules', marks[0]!);
    writeFileSync(f, JSON.stringify(loaded.all().map(r => r.id)));
    expect(cache.rulesChecked(data.digest)).toBeNull();
  });
});

describe('the bundled rules as data, written by the build', () => {
  it('are used for the bundled folder with their digest, written by this build in this place, and for nothing else', () => {
    const file = join(tmp('pressmill-prebuilt-'), 'bundled.json');
    expect(prebuiltRules(BUNDLED_RULES, data.digest, file)).toBeNull();
    writePrebuiltRules(file);
    expect(JSON.stringify(prebuiltRules(BUNDLED_RULES, rulesDigest(BUNDLED_RULES), file))).toBe(json);
    // Other rule files, another folder, another build, a broken file: the folder is loaded as before.
    expect(prebuiltRules(BUNDLED_RULES, '0'.repeat(64), file)).toBeNull();
    expect(prebuiltRules(join(BUNDLED_RULES, '..', 'rules-copy'), data.digest, file)).toBeNull();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { build: string; data: { dir: string } };
    writeFileSync(file, JSON.stringify({ ...written, build: '0'.repeat(64) }));
    expect(prebuiltRules(BUNDLED_RULES, data.digest, file)).toBeNull();
    writeFileSync(file, JSON.stringify({ ...written, data: { ...written.data, dir: '/elsewhere/rules' } }));
    expect(prebuiltRules(BUNDLED_RULES, data.digest, file)).toBeNull();
    writeFileSync(file, '{"build":');
    expect(prebuiltRules(BUNDLED_RULES, data.digest, file)).toBeNull();
  });

  it('are written by the build beside the built code', () => {
    expect(prebuiltRules(BUNDLED_RULES, data.digest)?.digest).toBe(data.digest);
  });
});
