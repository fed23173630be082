/**
 * Runs a rule's own positive and negative examples, so every rule is tested by the examples it carries.
 * In direction and metric examples the focus quantity is marked with [brackets].
 */
import { findBaselines, findCues, mask, tidyPhrase } from '../extract/context.js';
import { DateResolver, refDateOf } from '../extract/dates.js';
import { AttributionFinder } from '../extract/attribution.js';
import { parseDocument } from '../document/parse.js';
import { findQuantities, unitClass, type Quantity } from '../extract/quantities.js';
import type { CompiledRule, RuleSet } from './load.js';

/** Reference date the date examples resolve against (a Wednesday). */
export const EXAMPLE_REFERENCE_DATE = '2024-06-12';

export interface ExampleResult { ok: boolean; text: string; positive: boolean; problem: string | null }

type Got = Record<string, unknown>;

function same(expect: Record<string, unknown> | undefined, got: Got): string | null {
  for (const [k, v] of Object.entries(expect ?? {})) {
    if (JSON.stringify(got[k] ?? null) !== JSON.stringify(v)) return `${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(got[k] ?? null)}`;
  }
  return null;
}

function focus(text: string, rules: RuleSet): { plain: string; q: Quantity | null; all: Quantity[] } {
  const open = text.indexOf('['), close = text.indexOf(']', open);
  const plain = open === -1 ? text : text.slice(0, open) + text.slice(open + 1, close) + text.slice(close + 1);
  const { quantities } = findQuantities(plain, 0, rules);
  const at = open === -1 ? -1 : open;
  const q = quantities.find(x => at >= 0 && x.start === at && x.end === close - 1) ?? quantities.find(x => at >= 0 && x.start <= at && x.end >= close - 1) ?? null;
  return { plain, q, all: quantities };
}

/** What a rule produces on a text: the fields of its first result, or null when it produces nothing. */
export function ruleOutput(rule: CompiledRule, text: string, rules: RuleSet): Got | null {
  switch (rule.kind) {
    case 'quantity': {
      const q = findQuantities(text, 0, rules, rule.when?.block?.[0]).quantities.find(x => x.rule.id === rule.id);
      return q ? { value: q.value, value_max: q.value_max, value_from: q.value_from, unit: q.unit, comparator: q.comparator, direction: q.direction, text: q.text } : null;
    }
    case 'exclusion': {
      rule.regex.lastIndex = 0;
      const m = rule.regex.exec(text);
      if (!m) return null;
      const s = m.index, e = s + m[0].length;
      const survivor = findQuantities(text, 0, rules).quantities.find(q => q.valueStart < e && s < q.valueEnd);
      return { excluded: m[0], survivor: survivor?.text ?? null };
    }
    case 'date': {
      const d = new DateResolver(refDateOf(EXAMPLE_REFERENCE_DATE), rules).find(text, 0).find(x => x.rule.id === rule.id);
      return d ? { value: d.value, type: d.type, text: d.text, mod: d.mod } : null;
    }
    case 'baseline': {
      const b = findBaselines(text, 0, rules).find(x => x.rule.id === rule.id);
      return b ? { value: b.value } : null;
    }
    case 'classify': {
      const c = findCues(text, 0, rules).find(x => x.rule.id === rule.id);
      return c ? { class: c.kind, cue: c.text } : null;
    }
    case 'attribution': {
      const doc = parseDocument(text, { markdown: true, abbreviations: rules.lex('abbreviations'), creditPattern: /(?!)/gu, headingMaxChars: 0 });
      return new AttributionFinder(rules).explain(rule, doc);
    }
    case 'subject': {
      rule.regex.lastIndex = 0;
      const m = rule.regex.exec(text);
      return m ? { subject: m.groups?.subject ?? rule.builds.subject ?? null } : null;
    }
    case 'direction':
    case 'metric': {
      const { plain, q, all } = focus(text, rules);
      if (!q) return null;
      if (rule.when?.unit_class && !rule.when.unit_class.includes(unitClass(q.unit))) return null;
      rule.regex.lastIndex = 0;
      const m = rule.regex.exec(mask(plain, 0, q, all));
      if (!m) return null;
      return rule.kind === 'direction' ? { direction: rule.builds.direction ?? null } : { metric: rule.builds.metric === '@previous' ? '@previous' : m.groups?.metric ? tidyPhrase(m.groups.metric, rules) : null };
    }
  }
}

/** Run every example of a rule. */
export function runExamples(rule: CompiledRule, rules: RuleSet): ExampleResult[] {
  const out: ExampleResult[] = [];
  for (const ex of rule.examples.positive) {
    const { text, expect } = typeof ex === 'string' ? { text: ex, expect: undefined } : ex;
    const got = ruleOutput(rule, text, rules);
    let problem = got ? same(expect, got) : 'the rule produced nothing';
    if (!problem && rule.kind === 'exclusion' && got?.survivor) problem = `a quantity survived the exclusion: «${String(got.survivor)}»`;
    out.push({ ok: !problem, text, positive: true, problem });
  }
  for (const ex of rule.examples.negative) {
    const text = typeof ex === 'string' ? ex : ex.text;
    const got = ruleOutput(rule, text, rules);
    out.push({ ok: !got, text, positive: false, problem: got ? `the rule produced ${JSON.stringify(got)}` : null });
  }
  return out;
}
