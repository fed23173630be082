/**
 * A loaded rule set as plain data, to send to worker threads: a worker that rebuilds it from this skips reading
 * YAML, checking the files and finding trigger words, which cost each worker about 0.6 s of its own time and
 * over a second of compiling the YAML and regex-parsing libraries on V8's helper threads, for every run.
 * The rebuilt set is the same rule set: the same patterns, word lists, macros, triggers and lookaround groups.
 */
import { Lexicon, prefilterIdOf, ruleSet, type CompiledRule, type LexValue, type RuleSet } from './load.js';
import { RULE_KINDS, type RuleKind } from './schema.js';
import { lookaroundGroups, setLookaroundGroups } from './spans.js';
import { TriggerScanner } from './trigger-scan.js';

type RuleData = Omit<CompiledRule, 'regex' | 'prefilter' | 'prefilterId' | 'scanner'> & {
  regex: { source: string; flags: string };
  prefilter: { source: string; flags: string } | null;
  /** Named groups inside a lookaround (spans.ts). */
  lookaround: string[];
};

/** A rule set as data that structured cloning and JSON both carry whole. */
export interface RuleSetData {
  dir: string;
  digest: string;
  lexicons: [name: string, entries: [string, LexValue][]][];
  macros: [name: string, pattern: string][];
  rules: [kind: RuleKind, rules: RuleData[]][];
  /** The trigger sets of the rule set's scanner (every rule of a set shares one). */
  triggerSets: string[][];
}

export function ruleSetData(set: RuleSet): RuleSetData {
  const scanner = set.all().find(r => r.scanner)?.scanner ?? null;
  return {
    dir: set.dir,
    digest: set.digest,
    lexicons: [...set.lexicons].map(([name, l]) => [name, [...l.map]]),
    macros: [...set.macros],
    rules: RULE_KINDS.map(k => [k, set.rules.get(k)!.map(r => {
      const { regex, prefilter, prefilterId: _id, scanner: _scanner, ...rest } = r;
      return {
        ...rest,
        regex: { source: regex.source, flags: regex.flags },
        prefilter: prefilter && { source: prefilter.source, flags: prefilter.flags },
        lookaround: lookaroundGroups(r),
      };
    })]),
    triggerSets: scanner ? scanner.sets.map(s => [...s]) : [],
  };
}

export function ruleSetFromData(data: RuleSetData): RuleSet {
  const lexicons = new Map(data.lexicons.map(([name, entries]) => [name, Lexicon.fromMap(name, entries)]));
  const scanner = new TriggerScanner(data.triggerSets);
  const rules = new Map<RuleKind, CompiledRule[]>(data.rules.map(([kind, list]) => [kind, list.map(d => {
    const { regex, prefilter, lookaround, ...rest } = d;
    const rule: CompiledRule = {
      ...rest,
      regex: new RegExp(regex.source, regex.flags),
      prefilter: prefilter && new RegExp(prefilter.source, prefilter.flags),
      prefilterId: prefilter ? prefilterIdOf(prefilter.source) : -1,
      scanner,
    };
    setLookaroundGroups(rule, lookaround);
    return rule;
  })]));
  return ruleSet(data.dir, data.digest, lexicons, new Map(data.macros), rules);
}
