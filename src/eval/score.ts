/**
 * Scores predicted per-document results against hand-written gold (the benchmark folder format).
 * The matching rules are those of the reference scorer shared/tools/score.mjs, so the numbers agree.
 */
type Row = Record<string, unknown>;
export interface Gold { doc?: string; reference_year?: number | string; targets?: Row[]; figures?: Row[]; speakers?: Row[]; statements?: Row[]; dates?: Row[]; entities?: Row[] }
export interface Pred { document?: Row; targets?: Row[]; figures?: Row[]; speakers?: Row[]; statements?: Row[]; dates?: Row[]; entities?: Row[] }
export interface PRF { tp: number; fp: number; fn: number; p: number; r: number; f1: number }
export interface Summary { docs: number; scored: number; missing: string[]; types: Record<string, PRF>; fields: Record<string, { acc: number; ok: number; n: number }>; errors: string[] }

const STOP = new Set('the of in and a an to for on by its their at with from this that as be is are will which new total annual rate'.split(' '));
const norm = (s: unknown) => String(s ?? '').normalize('NFKC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
const stem = (w: string) => w.replace(/(ies)$/, 'y').replace(/(s)$/, '');
const toks = (s: unknown) => norm(s).split(/[^a-z0-9]+/).filter(w => w && !STOP.has(w)).map(stem);
function overlap(a: unknown, b: unknown): number {
  const A = new Set(toks(a)), B = new Set(toks(b));
  if (!A.size || !B.size) return A.size === B.size ? 1 : 0;
  let n = 0;
  for (const x of A) if (B.has(x)) n++;
  return n / Math.min(A.size, B.size);
}
const UNIT: Record<string, string> = { percent: '%', pct: '%', 'per cent': '%', '%': '%', pp: 'pp', 'percentage points': 'pp', 'percentage point': 'pp', count: '', tons: 't', tonnes: 't', ton: 't', tonne: 't', 'metric tons': 't', t: 't', x: 'x', times: 'x' };
const unit = (u: unknown) => { const n = norm(u); return n in UNIT ? UNIT[n]! : /^[a-z]{3}$/.test(n) ? n.toUpperCase() : n; };
const sameValue = (a: unknown, b: unknown) => a != null && b != null && Math.abs(Number(a) - Number(b)) <= 1e-6 * Math.max(1, Math.abs(Number(b)));
const nameNorm = (s: unknown) => norm(s).replace(/^the /, '').replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
function sameName(pred: unknown, gold: Row): boolean {
  const p = nameNorm(pred);
  for (const g of [gold.name, ...((gold.aliases as unknown[]) ?? [])].map(nameNorm)) {
    if (p === g) return true;
    const pt = p.split(' ').filter(w => w.length > 1), gt = g.split(' ').filter(w => w.length > 1);
    if (gold.type === 'person' || gold.person) if (pt.length && pt.join(' ') === gt.join(' ')) return true;
  }
  return false;
}
const contains = (a: unknown, b: unknown) => { const x = norm(a), y = norm(b); return !!x && !!y && (x.includes(y) || y.includes(x)); };

interface Cand { p: number; g: number; s: number }
function greedy(cands: Cand[]): Cand[] {
  cands.sort((x, y) => y.s - x.s);
  const up = new Set<number>(), ug = new Set<number>(), out: Cand[] = [];
  for (const c of cands) { if (up.has(c.p) || ug.has(c.g)) continue; up.add(c.p); ug.add(c.g); out.push(c); }
  return out;
}
export function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp ? tp / (tp + fp) : 1, r = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

type Check = [string, (p: Row, g: Row) => boolean];

/** Score a set of (id, gold, prediction or null) triples. */
export function score(pairs: { id: string; gold: Gold; pred: Pred | null }[]): Summary {
  const tally: Record<string, { tp: number; fp: number; fn: number }> = {};
  const field: Record<string, { ok: number; n: number }> = {};
  const errors: string[] = [];
  const add = (t: string, tp: number, fp: number, fn: number) => { const x = (tally[t] ??= { tp: 0, fp: 0, fn: 0 }); x.tp += tp; x.fp += fp; x.fn += fn; };
  const acc = (name: string, ok: boolean) => { const f = (field[name] ??= { ok: 0, n: 0 }); f.n++; if (ok) f.ok++; };

  function scoreSet(type: string, doc: string, preds: Row[], golds: Row[], pairScore: (p: Row, g: Row) => number, describe: (r: Row) => string, checks: Check[] = []) {
    const cands: Cand[] = [], candsOpt: Cand[] = [];
    preds.forEach((p, i) => golds.forEach((g, j) => { const s = pairScore(p, g); if (s > 0) (g.optional ? candsOpt : cands).push({ p: i, g: j, s }); }));
    const m1 = greedy(cands);
    const usedP = new Set(m1.map(x => x.p));
    const m = [...m1, ...greedy(candsOpt.filter(c => !usedP.has(c.p)))];
    const matchedP = new Set(m.map(x => x.p)), matchedG = new Set(m.map(x => x.g));
    let tp = 0;
    for (const x of m) {
      const g = golds[x.g]!, p = preds[x.p]!;
      if (g.optional) continue;
      tp++;
      for (const [fname, check] of checks) {
        if (g[fname] === undefined) continue;
        const ok = check(p, g);
        acc(`${type}.${fname}`, ok);
        if (!ok) errors.push(`${doc} ${type} field ${fname}: got ${JSON.stringify(p[fname])} want ${JSON.stringify(g[fname])} [${describe(g)}]`);
      }
    }
    const fp = preds.filter((_, i) => !matchedP.has(i));
    const fn = golds.filter((g, j) => !matchedG.has(j) && !g.optional);
    for (const p of fp) errors.push(`${doc} ${type} FP: ${describe(p)}`);
    for (const g of fn) errors.push(`${doc} ${type} FN: ${describe(g)}`);
    add(type, tp, fp.length, fn.length);
  }

  const qtyScore = (p: Row, g: Row) => {
    if (!sameValue(p.value, g.value) || unit(p.unit) !== unit(g.unit)) return 0;
    if (g.metric == null) return 1;
    const o = overlap(p.metric, g.metric);
    return o >= 0.5 ? 1 + o : 0;
  };
  const qtyDesc = (q: Row) => `${q.metric ?? '?'} ${q.comparator ?? ''}${q.value}${q.unit ?? ''} ${q.period ?? ''}${q.text ? ` «${q.text}»` : ''}`;
  const periodOk = (p: Row, g: Row) => String(p.period ?? '').toUpperCase() === String(g.period ?? '').toUpperCase();
  const cmpOk = (p: Row, g: Row) => (p.comparator ?? '=') === g.comparator;
  const dirOk = (p: Row, g: Row) => p.direction === g.direction;
  const subjOk = (p: Row, g: Row) => contains(p.subject, g.subject);

  const hasSpan = (d: Row | undefined) => Number.isInteger(d?.start) && Number.isInteger(d?.end);
  const sameDateValue = (p: Row, g: Row) => String(p.value ?? '').toUpperCase() === String(g.value ?? '').toUpperCase();
  function scoreDateSpans(doc: string, preds: Row[], golds: Row[]) {
    const spanDesc = (d: Row) => `${d.value} «${d.text ?? ''}» [${d.start},${d.end})`;
    const match = (sc: (p: Row, g: Row) => number) => {
      const cands: Cand[] = [];
      preds.forEach((p, i) => golds.forEach((g, j) => { const s = sc(p, g); if (s > 0) cands.push({ p: i, g: j, s }); }));
      const m = greedy(cands);
      const mp = new Set(m.map(x => x.p)), mg = new Set(m.map(x => x.g));
      return { pairs: m.filter(x => !golds[x.g]!.optional), fp: preds.filter((_, i) => !mp.has(i)), fn: golds.filter((g, j) => !mg.has(j) && !g.optional) };
    };
    const ov = (p: Row, g: Row) => (hasSpan(p) ? Math.min(Number(p.end), Number(g.end)) - Math.max(Number(p.start), Number(g.start)) : 0);
    const strict = match((p, g) => (hasSpan(p) && p.start === g.start && p.end === g.end ? 1 + (sameDateValue(p, g) ? 1 : 0) : 0));
    add('dates(strict span)', strict.pairs.length, strict.fp.length, strict.fn.length);
    const relaxed = match((p, g) => { const o = ov(p, g); return o > 0 ? 1 + (sameDateValue(p, g) ? 1 : 0) + o / (Math.max(Number(p.end), Number(g.end)) - Math.min(Number(p.start), Number(g.start))) : 0; });
    add('dates(relaxed span)', relaxed.pairs.length, relaxed.fp.length, relaxed.fn.length);
    let tpValue = 0;
    for (const x of relaxed.pairs) {
      const p = preds[x.p]!, g = golds[x.g]!;
      if (p.start !== g.start || p.end !== g.end) errors.push(`${doc} dates(strict span): got ${spanDesc(p)} want ${spanDesc(g)}`);
      if (sameDateValue(p, g)) tpValue++;
      else errors.push(`${doc} dates(value): got ${JSON.stringify(p.value)} want ${JSON.stringify(g.value)} [${spanDesc(g)}]`);
      if (g.type !== undefined) {
        const ok = String(p.type ?? '').toLowerCase() === String(g.type).toLowerCase();
        acc('dates.type', ok);
        if (!ok) errors.push(`${doc} dates field type: got ${JSON.stringify(p.type)} want ${JSON.stringify(g.type)} [${spanDesc(g)}]`);
      }
    }
    const wrong = relaxed.pairs.length - tpValue;
    add('dates(value)', tpValue, relaxed.fp.length + wrong, relaxed.fn.length + wrong);
    for (const p of relaxed.fp) errors.push(`${doc} dates(span) FP: ${spanDesc(p)}`);
    for (const g of relaxed.fn) errors.push(`${doc} dates(span) FN: ${spanDesc(g)}`);
  }

  const spanGold = pairs.some(({ gold }) => (gold.dates ?? []).some(hasSpan));
  let scored = 0;
  const missing: string[] = [];
  for (const { id, gold, pred: maybe } of pairs) {
    const pred: Pred = maybe ?? {};
    if (maybe) scored++;
    else missing.push(id);
    if (gold.reference_year) {
      const ry = String(pred.document?.reference_date ?? '').slice(0, 4);
      acc('document.reference_year', ry === String(gold.reference_year));
      if (ry !== String(gold.reference_year)) errors.push(`${id} document reference_date: got ${pred.document?.reference_date} want year ${gold.reference_year}`);
    }
    const qFields: Check[] = [['comparator', cmpOk], ['period', periodOk], ['direction', dirOk], ['subject', subjOk]];
    scoreSet('targets', id, pred.targets ?? [], gold.targets ?? [], qtyScore, qtyDesc, qFields);
    scoreSet('figures', id, pred.figures ?? [], gold.figures ?? [], qtyScore, qtyDesc, [['comparator', cmpOk], ['period', periodOk]]);
    scoreSet('quantities(any kind)', id, [...(pred.targets ?? []), ...(pred.figures ?? [])], [...(gold.targets ?? []), ...(gold.figures ?? [])], qtyScore, qtyDesc);

    const speakers = pred.speakers ?? [];
    const spName = Object.fromEntries(speakers.map(s => [s.id, s.name]));
    scoreSet('speakers', id, speakers, (gold.speakers ?? []).map(s => ({ ...s, person: true })), (p, g) => (sameName(p.name, g) ? 1 : 0), s => `${s.name} (${s.title ?? ''}; ${s.organization ?? ''})`,
      [['title', (p, g) => contains(p.title, g.title)], ['organization', (p, g) => contains(p.organization, g.organization)]]);
    scoreSet('statements', id, (pred.statements ?? []).map(s => ({ ...s, speaker: spName[String(s.speaker_id)] ?? s.speaker ?? '' })), gold.statements ?? [],
      (p, g) => (sameName(p.speaker, { name: g.speaker, person: true }) && norm(p.text).includes(norm(g.anchor)) ? 1 : 0),
      s => `${s.speaker}: ${s.anchor ?? String(s.text ?? '').slice(0, 60)}`, [['kind', (p, g) => p.kind === g.kind]]);
    scoreSet('dates', id, pred.dates ?? [], gold.dates ?? [],
      (p, g) => (String(p.value ?? '').toUpperCase() === String(g.value).toUpperCase() ? (g.text && norm(p.text) === norm(g.text) ? 2 : 1) : 0),
      d => `${d.value}${d.text ? ` «${d.text}»` : ''}`);
    const gDates = gold.dates ?? [];
    if (gDates.some(hasSpan) || (spanGold && !gDates.length)) scoreDateSpans(id, pred.dates ?? [], gDates.filter(hasSpan));
    const ents = pred.entities ?? [], gEnts = gold.entities ?? [];
    scoreSet('entities(untyped)', id, ents, gEnts, (p, g) => (sameName(p.name, g) ? 1 : 0), e => `${e.name} [${e.type}]`);
    scoreSet('entities(typed)', id, ents, gEnts, (p, g) => (sameName(p.name, g) && ((g.types as unknown[]) ?? [g.type]).includes(p.type) ? 1 : 0), e => `${e.name} [${e.type}]`);
  }
  const types: Record<string, PRF> = {};
  for (const [t, v] of Object.entries(tally)) types[t] = prf(v.tp, v.fp, v.fn);
  const fields: Summary['fields'] = {};
  for (const [f, v] of Object.entries(field)) fields[f] = { acc: v.n ? v.ok / v.n : 1, ...v };
  return { docs: pairs.length, scored, missing, types, fields, errors };
}

/** The text report, in the reference scorer's layout. */
export function formatSummary(s: Summary, verbose: boolean): string {
  const lines: string[] = [];
  if (verbose) lines.push(...s.errors);
  lines.push(`docs ${s.scored}/${s.docs}${s.missing.length ? ` (missing: ${s.missing.join(', ')})` : ''}`);
  lines.push('type                  P      R      F1    tp  fp  fn');
  for (const [t, v] of Object.entries(s.types))
    lines.push(`${t.padEnd(20)} ${v.p.toFixed(3)}  ${v.r.toFixed(3)}  ${v.f1.toFixed(3)}  ${String(v.tp).padStart(3)} ${String(v.fp).padStart(3)} ${String(v.fn).padStart(3)}`);
  lines.push('field accuracy (on matched records)');
  for (const [f, v] of Object.entries(s.fields)) lines.push(`  ${f.padEnd(26)} ${v.acc.toFixed(3)}  (${v.ok}/${v.n})`);
  return lines.join('\n');
}
