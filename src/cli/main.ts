/** The pressmill command line: main(argv, io) returns an exit code (0 clean, 1 findings, 2 usage error or tool failure). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BUNDLED_RULES } from '../index.js';
import { loadRules, RuleError, type RuleSet } from '../rules/load.js';
import { extractFile, listCorpus, type DocOutcome } from '../corpus.js';
import { writeDataset } from '../output/write.js';
import { TABLE_NAMES } from '../schema/records.js';
import { formatSummary, score, type Gold, type Pred } from '../eval/score.js';
import { checkGolden } from './check.js';
import { TOOL_VERSION } from '../version.js';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

class UsageError extends Error {}

const USAGE = `usage: pressmill <command> [options]

commands:
  extract [CORPUS] [--out DIR] [--reference-date YYYY-MM-DD] [--rules DIR]
      Extract the corpus (default corpus/) into DIR (default output/): json/, csv/, manifest.json.
  check [CORPUS] --golden DIR [--update] [--rules DIR]
      Extract again and compare with the golden per-document JSON in DIR; exit 1 on any difference.
      --update rewrites the goldens (refused when CI is set).
  eval [CORPUS] --gold DIR [--pred DIR] [--json] [--verbose] [--rules DIR]
      Precision, recall, F1 per record type and field accuracy against hand-written gold.
      --pred scores existing per-document JSON instead of extracting.

exit status: 0 clean, 1 findings (a document error, a golden difference), 2 usage error or tool failure.
`;

const common = {
  rules: { type: 'string' },
  'reference-date': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Run the CLI. Never throws: failures of the tool itself are reported and return 2. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract': return cmdExtract(rest, io);
      case 'check': return cmdCheck(rest, io);
      case 'eval': return cmdEval(rest, io);
      case '--version': io.stdout.write(`${TOOL_VERSION}\n`); return 0;
      case undefined: case '-h': case '--help': case 'help':
        io.stdout.write(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}", expected extract, check or eval`);
    }
  } catch (e) {
    if (e instanceof UsageError) { io.stderr.write(`pressmill: ${e.message}\n\n${USAGE}`); return 2; }
    if (e instanceof RuleError) { io.stderr.write(`pressmill: ${e.message}\nnothing was written\n`); return 2; }
    io.stderr.write(`pressmill: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function refDateOption(v: string | undefined): string | null {
  if (v === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!m || !d || d.getUTCDate() !== +m[3]! || d.getUTCMonth() !== +m[2]! - 1) throw new UsageError(`--reference-date "${v}" is not a date, expected YYYY-MM-DD`);
  return v;
}

function corpusArg(positionals: string[], io: Io): string {
  if (positionals.length > 1) throw new UsageError(`expected one corpus folder, got ${positionals.length}: ${positionals.join(' ')}`);
  const p = resolve(io.cwd, positionals[0] ?? 'corpus');
  if (!existsSync(p)) throw new UsageError(`corpus "${positionals[0] ?? 'corpus'}" does not exist`);
  return p;
}

function rulesArg(v: string | undefined, io: Io): RuleSet {
  return loadRules(v ? resolve(io.cwd, v) : BUNDLED_RULES);
}

/** Extract every document; messages go to stderr as they are found. */
function runCorpus(corpus: string, rules: RuleSet, refDate: string | null): DocOutcome[] {
  return listCorpus(corpus).map(input => extractFile(input, rules, refDate));
}

function reportMessages(outcomes: DocOutcome[], io: Io): { errors: number; warnings: number } {
  let errors = 0, warnings = 0;
  for (const o of outcomes) for (const m of o.messages) {
    if (m.severity === 'error') errors++; else warnings++;
    io.stderr.write(`${o.input.path}: ${m.severity}: ${m.reason}${m.rule ? ` [${m.rule}]` : ''}\n`);
  }
  return { errors, warnings };
}

function cmdExtract(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  const corpus = corpusArg(positionals, io);
  const refDate = refDateOption(values['reference-date']);
  const rules = rulesArg(values.rules, io);
  const outcomes = runCorpus(corpus, rules, refDate);
  const out = resolve(io.cwd, values.out ?? 'output');
  writeDataset(out, outcomes, { toolVersion: TOOL_VERSION, rulesDigest: rules.digest });
  const { errors, warnings } = reportMessages(outcomes, io);
  const ok = outcomes.filter(o => o.result);
  const counts = TABLE_NAMES.map(t => `${t} ${ok.reduce((n, o) => n + o.result![t].length, 0)}`).join(', ');
  io.stderr.write(`pressmill: ${ok.length} documents (${outcomes.length - ok.length} skipped); ${counts}; ${errors} errors, ${warnings} warnings → ${values.out ?? 'output'}\n`);
  return errors > 0 ? 1 : 0;
}

function cmdCheck(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { golden: { type: 'string' }, update: { type: 'boolean' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (!values.golden) throw new UsageError('check needs --golden DIR');
  if (values.update && io.env.CI) throw new UsageError('--update is refused when CI is set: goldens change only by a reviewed commit');
  const corpus = corpusArg(positionals, io);
  const rules = rulesArg(values.rules, io);
  const outcomes = runCorpus(corpus, rules, refDateOption(values['reference-date']));
  const { errors } = reportMessages(outcomes, io);
  const diff = checkGolden(resolve(io.cwd, values.golden), outcomes, !!values.update);
  io.stdout.write(diff.report);
  return diff.differences > 0 && !values.update ? 1 : errors > 0 ? 1 : 0;
}

function readGold(dir: string): { id: string; gold: Gold }[] {
  const files = statSync(dir).isDirectory() ? readdirSync(dir).filter(f => f.endsWith('.json')).sort().map(f => join(dir, f)) : [dir];
  return files.map(f => {
    const gold = JSON.parse(readFileSync(f, 'utf8')) as Gold;
    return { id: gold.doc ?? f.split(/[\\/]/).pop()!.replace(/\.json$/, ''), gold };
  });
}

function cmdEval(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { gold: { type: 'string' }, pred: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (!values.gold) throw new UsageError('eval needs --gold DIR');
  const golds = readGold(resolve(io.cwd, values.gold));
  let preds: Map<string, Pred>;
  if (values.pred) {
    const dir = resolve(io.cwd, values.pred);
    preds = new Map(golds.flatMap(({ id }) => {
      const f = join(dir, `${id}.json`);
      return existsSync(f) ? [[id, JSON.parse(readFileSync(f, 'utf8')) as Pred] as const] : [];
    }));
  } else {
    const corpus = corpusArg(positionals, io);
    const rules = rulesArg(values.rules, io);
    const outcomes = runCorpus(corpus, rules, refDateOption(values['reference-date']));
    reportMessages(outcomes, io);
    preds = new Map(outcomes.flatMap(o => (o.result ? [[o.result.document.doc_id, o.result as unknown as Pred] as const] : [])));
  }
  const summary = score(golds.map(({ id, gold }) => ({ id, gold, pred: preds.get(id) ?? null })));
  io.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary, !!values.verbose)}\n`);
  return 0;
}
