/**
 * The bundled rules as data, written when the tool is built (`npm run build`: scripts/prebuild-rules.mjs), so
 * that a run with the bundled rules and no cache entry for them does not parse and check the rule files again:
 * that took the main thread about 0.6 s and V8's helper threads about 1.5 s more, compiling the YAML and pattern
 * parsers, on every such run (the benchmark's and CI's among them). The data is used only when it was made from
 * the same rule files (their digest) by the same build (buildDigest) in the same place (a package moved after
 * its build loads its rules as before); anything else loads the folder as before.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_RULES } from '../rules/bundled.js';
import { loadRules } from '../rules/load.js';
import { ruleSetData, type RuleSetData } from '../rules/snapshot.js';
import { writeAtomic } from '../output/write.js';
import { buildDigest } from './cache.js';

/** Where the build writes the bundled rules' data. */
export const PREBUILT_RULES = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules', 'bundled.json');

interface Prebuilt { build: string; data: RuleSetData }

/** The bundled rules' data as the build wrote it, when `rulesDir` is the bundled folder with this digest; else null. */
export function prebuiltRules(rulesDir: string, digest: string, file = PREBUILT_RULES): RuleSetData | null {
  if (rulesDir !== BUNDLED_RULES) return null;
  try {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Prebuilt;
    // Made from these files, by this build, in this place (rules carry their files' paths for messages).
    return p.build === buildDigest() && p.data.digest === digest && p.data.dir === rulesDir ? p.data : null;
  } catch {
    return null;
  }
}

/** Load and check the bundled rules, and write them as data for later runs (the build's last step). */
export function writePrebuiltRules(file = PREBUILT_RULES): RuleSetData {
  const data = ruleSetData(loadRules(BUNDLED_RULES));
  writeAtomic(file, JSON.stringify({ build: buildDigest(), data } satisfies Prebuilt));
  return data;
}
