/** The pressmill command line: main(argv, io) returns an exit code (0 clean, 1 findings, 2 usage error or tool failure). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BUNDLED_RULES } from '../rules/bundled.js';
import { loadRules, RuleError, rulesDigest, type RuleSet } from '../rules/load.js';
import { ruleSetData } from '../rules/snapshot.js';
import { Cache } from '../batch/cache.js';
import { prebuiltRules } from '../batch/prebuilt.js';
import { decode } from '../document/decode.js';
import { docIdFromPath } from '../document/doc-id.js';
import { listCorpus, type DocOutcome } from '../corpus-files.js';
import { runBatch } from '../batch/run.js';
import { mergeDatasets } from '../batch/merge.js';
import { parseShard } from '../batch/shard.js';
import { progress } from '../batch/progress.js';
import { TABLE_NAMES } from '../schema/records.js';
import { formatSummary, score, type Gold, type Pred } from '../eval/score.js';
import { checkGolden } from './check.js';
import { TOOL_VERSION } from '../version.js';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
}

class UsageError extends Error {}

const USAGE = `usage: pressmill <command> [options]

commands:
  extract [CORPUS] [--out DIR] [--reference-date YYYY-MM-DD] [--rules DIR] [--jobs N] [--timeout SECONDS]
          [--no-cache] [--cache-dir DIR] [--shard I/N] [--excel] [--json]
      Extract the corpus (default corpus/) into DIR (default output/): json/, csv/, manifest.json.
      --jobs        worker threads (default: available cores, one per MB of input for a smaller corpus)
      --timeout     skip, and report, a document that takes longer, per started MB (default 60; 0 for no limit)
      --cache-dir   results cache keyed by content, rules, tool build and options (default DIR/../.pressmill-cache)
      --no-cache    neither read nor write the cache
      --shard I/N   process only share I of N (by a hash of doc_id); combine the shards with merge
      --excel       CSVs with a byte-order mark, for spreadsheet programs
      --json        print a JSON summary on stdout, no progress bar
      Also writes datapackage.json (Frictionless Data Package v2) and schema/document.schema.json.
  explain FILE [--json] [--reference-date YYYY-MM-DD] [--rules DIR]
      Sentence by sentence, the records built and the rule behind each; every number no record holds, with the
      rules that came closest and what stopped them.
  review [OUTPUT_DIR] [--out DIR] [--corpus DIR]
      A static, offline HTML site (default OUTPUT_DIR/review) over an extract output (default output/): an
      index of documents, and per document its text with every record highlighted, fields on click.
  merge DIR... --out DIR [--excel]
      Combine the outputs of shard runs into one dataset, byte-identical to a single run.
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
      case 'extract': return await cmdExtract(rest, io);
      case 'check': return await cmdCheck(rest, io);
      case 'eval': return await cmdEval(rest, io);
      case 'merge': return cmdMerge(rest, io);
      case 'explain': return await cmdExplain(rest, io);
      case 'review': return await cmdReview(rest, io);
      case '--version': io.stdout.write(`${TOOL_VERSION}\n`); return 0;
      case undefined: case '-h': case '--help': case 'help':
        io.stdout.write(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}", expected extract, check, eval, explain, review or merge`);
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
async function runCorpus(corpus: string, rules: RuleSet, refDate: string | null): Promise<DocOutcome[]> {
  // The pipeline (and compromise with it) loads only for the commands that extract in this thread.
  const { extractFile } = await import('../corpus.js');
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

async function cmdExtract(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    timeout: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'cache-dir': { type: 'string' },
    shard: { type: 'string' },
    json: { type: 'boolean' },
    excel: { type: 'boolean' },
  });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  const corpus = corpusArg(positionals, io);
  const refDate = refDateOption(values['reference-date']);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs "${values.jobs}" is not a whole number of at least 1`);
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) throw new UsageError(`--timeout "${values.timeout}" is not a number of seconds`);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  const out = resolve(io.cwd, values.out ?? 'output');
  const cacheDir = values['no-cache'] ? null : resolve(io.cwd, values['cache-dir'] ?? join(dirname(out), '.pressmill-cache'));
  // The rules are loaded and checked before anything is written, once: workers get them as data (snapshot.ts).
  // A rules folder this build has checked before (same digest) is only hashed here, its data read from the cache,
  // or for the bundled rules from what the build wrote (prebuilt.ts).
  const rulesDir = values.rules ? resolve(io.cwd, values.rules) : BUNDLED_RULES;
  const cache = cacheDir ? new Cache(cacheDir) : null;
  const digest = rulesDigest(rulesDir);
  let data = cache?.rulesChecked(digest) ?? prebuiltRules(rulesDir, digest);
  if (data === null) {
    data = ruleSetData(loadRules(rulesDir));
    cache?.markRulesChecked(data);
  }
  const rules = { dir: rulesDir, digest: data.digest, ids: data.rules.flatMap(([, list]) => list.map(r => r.id)), data: { ...data, dir: rulesDir } };
  let shown = progress(io.stderr, 0, { enabled: false, color: false, label: '' });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await runBatch({
    corpus, out, rules, referenceDate: refDate, jobs, timeoutMs: timeout * 1000, cacheDir, shard, bom: !!values.excel,
    onDocument: d => {
      for (const m of d.messages) io.stderr.write(`${d.path}: ${m.severity}: ${m.reason}${m.rule ? ` [${m.rule}]` : ''}\n`);
    },
    onProgress: (done, total) => {
      if (done === 1) shown = progress(io.stderr, total, { enabled: !values.json, color: !io.env.NO_COLOR && io.env.TERM !== 'dumb', label: 'extract' });
      shown.update(done);
    },
  });
  shown.end();
  const seconds = (performance.now() - t0) / 1000;
  const counts = TABLE_NAMES.map(t => `${t} ${summary.counts[t]}`).join(', ');
  if (values.json) {
    // The run's CPU time in every thread of the process (main, workers, V8's helpers): against `seconds`, how busy the cores were.
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    io.stdout.write(`${JSON.stringify({ ...summary, out: values.out ?? 'output', seconds: Number(seconds.toFixed(3)), cpu_s: Number(cpu.toFixed(3)), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  }
  io.stderr.write(`pressmill: ${summary.documents} documents (${summary.skipped} skipped, ${summary.cached} from cache); ${counts}; ${summary.errors} errors, ${summary.warnings} warnings → ${values.out ?? 'output'}\n`);
  const never = summary.rules_never_fired;
  io.stderr.write(`pressmill: ${summary.unclaimed_numbers} numbers no record holds (pressmill explain FILE shows why); ${never.length ? `rules that never fired: ${never.join(', ')}` : 'every rule fired'}\n`);
  return summary.errors > 0 ? 1 : 0;
}

async function cmdExplain(args: string[], io: Io): Promise<number> {
  const { explainText, formatExplanation } = await import('../explain.js');
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError('explain needs one FILE');
  const abs = resolve(io.cwd, positionals[0]!);
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new UsageError(`"${positionals[0]}" is not a file`);
  const rules = rulesArg(values.rules, io);
  const name = abs.split(/[\\/]/).pop()!;
  const d = decode(readFileSync(abs));
  if (!d.ok) { io.stderr.write(`pressmill: ${positionals[0]}: ${d.reason}\n`); return 1; }
  const e = explainText(d.text, rules, { docId: docIdFromPath(name), path: name, markdown: /\.md$/i.test(name), referenceDate: refDateOption(values['reference-date']) });
  io.stdout.write(values.json ? `${JSON.stringify(e, null, 2)}\n` : formatExplanation(e));
  return 0;
}

async function cmdReview(args: string[], io: Io): Promise<number> {
  const { writeReview } = await import('../review/site.js');
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' }, corpus: { type: 'string' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (positionals.length > 1) throw new UsageError('review takes one output folder');
  const output = resolve(io.cwd, positionals[0] ?? 'output');
  if (!existsSync(join(output, 'manifest.json'))) throw new UsageError(`"${positionals[0] ?? 'output'}" has no manifest.json: run pressmill extract first`);
  const out = resolve(io.cwd, values.out ?? join(positionals[0] ?? 'output', 'review'));
  const r = writeReview(output, resolve(io.cwd, values.corpus ?? 'corpus'), out);
  for (const m of r.missing) io.stderr.write(`pressmill: ${m}: source not found; its page shows the tables only (give --corpus)\n`);
  io.stderr.write(`pressmill: review site with ${r.pages} documents → ${join(values.out ?? join(positionals[0] ?? 'output', 'review'), 'index.html')}\n`);
  return 0;
}

function cmdMerge(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' }, excel: { type: 'boolean' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (!values.out) throw new UsageError('merge needs --out DIR');
  if (!positionals.length) throw new UsageError('merge needs at least one shard output folder');
  const dirs = positionals.map(p => resolve(io.cwd, p));
  const r = mergeDatasets(dirs, resolve(io.cwd, values.out), !!values.excel);
  if (typeof r === 'string') { io.stderr.write(`pressmill: ${r}\nnothing was written\n`); return 2; }
  io.stderr.write(`pressmill: merged ${dirs.length} outputs: ${r.documents} documents (${r.skipped} skipped) → ${values.out}\n`);
  return 0;
}

async function cmdCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { golden: { type: 'string' }, update: { type: 'boolean' } });
  if (values.help) { io.stdout.write(USAGE); return 0; }
  if (!values.golden) throw new UsageError('check needs --golden DIR');
  if (values.update && io.env.CI) throw new UsageError('--update is refused when CI is set: goldens change only by a reviewed commit');
  const corpus = corpusArg(positionals, io);
  const rules = rulesArg(values.rules, io);
  const outcomes = await runCorpus(corpus, rules, refDateOption(values['reference-date']));
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

async function cmdEval(args: string[], io: Io): Promise<number> {
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
    const outcomes = await runCorpus(corpus, rules, refDateOption(values['reference-date']));
    reportMessages(outcomes, io);
    preds = new Map(outcomes.flatMap(o => (o.result ? [[o.result.document.doc_id, o.result as unknown as Pred] as const] : [])));
  }
  const summary = score(golds.map(({ id, gold }) => ({ id, gold, pred: preds.get(id) ?? null })));
  io.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary, !!values.verbose)}\n`);
  return 0;
}
