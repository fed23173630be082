/** zod schemas of the rule files under rules/: word lists, macros and rules; validated when loaded. */
import { z } from 'zod';

/** A word list: surface form → value (a string, number or object); lists of words map to true. */
export const LexiconFile = z.strictObject({
  lexicon: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lexicon name is lower_snake_case'),
  description: z.string().min(1),
  entries: z.union([
    z.array(z.string().min(1)),
    z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))])),
  ]),
});
export type LexiconFile = z.infer<typeof LexiconFile>;

/** Named regex fragments shared by rules: `{{name}}` in a pattern expands to `(?:fragment)`. */
export const MacroFile = z.strictObject({
  macros: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.strictObject({ description: z.string().min(1), pattern: z.string().min(1) })),
});

export const RULE_KINDS = ['quantity', 'exclusion', 'date', 'attribution', 'baseline', 'classify', 'direction', 'metric', 'subject'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What a rule builds: constant fields, or engine directives named in the README. */
export const Builds = z.record(z.string(), scalar);

const PositiveExample = z.union([z.string().min(1), z.strictObject({
  text: z.string().min(1),
  expect: z.record(z.string(), scalar).optional(),
  note: z.string().optional(),
})]);
const NegativeExample = z.union([z.string().min(1), z.strictObject({ text: z.string().min(1), note: z.string().optional() })]);

export const Rule = z.strictObject({
  id: z.string().regex(/^[a-z]+\/[a-z0-9][a-z0-9-]*$/, 'a rule id is kind/name in lower-kebab-case, e.g. quantity/percent'),
  description: z.string().min(1),
  pattern: z.string().min(1),
  case_sensitive: z.boolean().optional(),
  when: z.strictObject({
    unit_class: z.array(z.enum(['percent', 'money', 'count', 'physical', 'multiple'])).optional(),
    /** Only in sentences of these blocks: headlines are written in title case, so some rules apply only there. */
    block: z.array(z.enum(['title', 'heading', 'paragraph'])).min(1).optional(),
    /** A cheap test before the pattern runs: the text must hold a match of this (case-insensitive) regex. */
    contains: z.string().min(1).optional(),
  }).optional(),
  builds: Builds.default({}),
  examples: z.strictObject({
    positive: z.array(PositiveExample).min(1),
    negative: z.array(NegativeExample).min(1),
  }),
});
export type RuleSource = z.infer<typeof Rule>;

export const RuleFile = z.strictObject({
  kind: z.enum(RULE_KINDS),
  description: z.string().min(1),
  rules: z.array(Rule).min(1),
});
