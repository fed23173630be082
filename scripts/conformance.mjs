#!/usr/bin/env node
/**
 * Conformance of pressmill's number, unit and date normalisers against the Microsoft Recognizers-Text English
 * specs in ../shared/benchmarks/recognizers-text-specs (read only when that folder exists; not part of npm test).
 *
 *   npm run conformance [-- --dir PATH] [--verbose]
 *
 * A case passes when every expected result is found (overlapping span) with the same value, and nothing else is
 * found. Date values match when the TIMEX is equal, when the spec's TIMEX has X placeholders that our resolved
 * value fills ("XXXX-10-02" and "2016-10-02"), or when our value is one of the spec's resolutions. Number and unit
 * values match on the number (and, for currencies, the ISO code of the unit's name). Cases marked
 * NotSupportedByDesign are skipped. Printed per file: cases, passed, pass rate, and results found with their value.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRules, BUNDLED_RULES } from '../dist/index.js';
import { findQuantities } from '../dist/extract/quantities.js';
import { DateResolver, refDateOf } from '../dist/extract/dates.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({ options: { dir: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const root = opt.dir ?? join(here, '..', '..', 'shared', 'benchmarks', 'recognizers-text-specs');
if (!existsSync(root)) {
  console.error(`conformance: ${root} not found; nothing to check`);
  process.exit(0);
}
const rules = loadRules(BUNDLED_RULES);

const CURRENCY = { dollar: 'USD', 'united states dollar': 'USD', euro: 'EUR', 'british pound': 'GBP', pound: 'GBP', yen: 'JPY', 'japanese yen': 'JPY', 'chinese yuan': 'CNY', yuan: 'CNY', renminbi: 'CNY', 'hong kong dollar': 'HKD', won: 'KRW', 'south korean won': 'KRW' };

const FILES = [
  ['Number/English/NumberModel.json', 'number'],
  ['Number/English/PercentModel.json', 'number'],
  ['Number/English/NumberRangeModel.json', 'range'],
  ['NumberWithUnit/English/CurrencyModel.json', 'currency'],
  ['NumberWithUnit/English/DimensionModel.json', 'number'],
  ['DateTime/English/DateParser.json', 'date'],
  ['DateTime/English/DatePeriodParser.json', 'date'],
  ['DateTime/English/DurationParser.json', 'date'],
  ['DateTime/English/SetParser.json', 'date'],
  ['DateTime/English/MergedParser.json', 'date'],
  ['DateTime/English/DateTimeModel.json', 'date'],
];

const span = r => {
  const start = r.Start ?? 0;
  const end = r.End !== undefined ? r.End + 1 : start + (r.Length ?? String(r.Text ?? '').length);
  return [start, end];
};
const overlaps = (a, b) => Math.min(a[1], b[1]) > Math.max(a[0], b[0]);
const num = v => Number(String(v).replace(/[%,]/g, ''));

function expectedDate(r) {
  const v = r.Value ?? r.Resolution ?? {};
  const timexes = [], resolved = [];
  if (v.Timex) timexes.push(v.Timex);
  for (const x of v.values ?? []) { if (x.timex) timexes.push(x.timex); if (x.value) resolved.push(String(x.value).slice(0, 10)); }
  for (const k of ['FutureResolution', 'PastResolution']) for (const x of Object.values(v[k] ?? {})) resolved.push(String(x).slice(0, 10));
  return { timexes, resolved };
}

function dateMatches(ours, exp) {
  const o = ours.toUpperCase();
  for (const t of exp.timexes) {
    const T = String(t).toUpperCase();
    if (T === o) return true;
    if (/X/.test(T) && T.length === o.length && [...T].every((c, i) => c === 'X' ? /\d/.test(o[i]) : c === o[i])) return true;
  }
  return exp.resolved.includes(ours);
}

function checkCase(kind, c) {
  const input = c.Input;
  const expected = c.Results ?? [];
  let got;
  if (kind === 'date') {
    const ref = String(c.Context?.ReferenceDateTime ?? '').slice(0, 10) || null;
    got = new DateResolver(refDateOf(ref), rules).find(input, 0).map(d => ({ span: [d.start, d.end], value: d.value, text: d.text }));
  } else {
    got = findQuantities(input, 0, rules).quantities.map(q => ({ span: [q.start, q.end], value: q.value, max: q.value_max, unit: q.unit, text: q.text }));
  }
  let found = 0;
  const used = new Set();
  for (const r of expected) {
    const s = span(r);
    const hit = got.find((g, i) => !used.has(i) && overlaps(g.span, s) && (() => {
      if (kind === 'date') return dateMatches(g.value, expectedDate(r));
      const res = r.Resolution ?? {};
      if (kind === 'range') {
        const m = /^[([](-?[\d.]+)?,(-?[\d.]+)?[)\]]$/.exec(String(res.value ?? ''));
        return !!m && (m[1] === undefined || num(m[1]) === g.value) && (m[2] === undefined || num(m[2]) === (g.max ?? g.value));
      }
      if (kind === 'currency') return num(res.value) === g.value && (CURRENCY[String(res.unit ?? '').toLowerCase()] ?? '') === g.unit;
      return num(res.value) === g.value;
    })());
    if (hit) { used.add(got.indexOf(hit)); found++; }
  }
  const extra = got.length - used.size;
  return { pass: found === expected.length && extra === 0, found, expected: expected.length, got, extra };
}

let allCases = 0, allPass = 0;
console.log('file                                      cases  passed   rate   results found');
for (const [rel, kind] of FILES) {
  const path = join(root, 'Specs', rel);
  if (!existsSync(path)) continue;
  const cases = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')).filter(c => !c.NotSupportedByDesign);
  let pass = 0, found = 0, expected = 0;
  for (const c of cases) {
    const r = checkCase(kind, c);
    if (r.pass) pass++;
    found += r.found; expected += r.expected;
    if (opt.verbose && !r.pass) console.log(`  ✗ ${rel}: ${JSON.stringify(c.Input)} want ${JSON.stringify((c.Results ?? []).map(x => x.Text))} got ${JSON.stringify(r.got.map(g => `${g.text}=${g.value}`))}`);
  }
  allCases += cases.length; allPass += pass;
  console.log(`${rel.padEnd(42)}${String(cases.length).padStart(5)}${String(pass).padStart(8)}${(pass / Math.max(1, cases.length)).toFixed(3).padStart(7)}   ${found}/${expected}`);
}
console.log(`${'all'.padEnd(42)}${String(allCases).padStart(5)}${String(allPass).padStart(8)}${(allPass / Math.max(1, allCases)).toFixed(3).padStart(7)}`);
