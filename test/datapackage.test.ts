/**
 * The dataset describes itself: datapackage.json validates against what the CSVs hold (every value matches
 * its field's type and constraints, primary keys are unique, every foreign key resolves), and every
 * per-document JSON file validates against schema/document.schema.json.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tmp } from './helpers.js';

interface Field { name: string; type: string; constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number } }
interface Resource { name: string; path: string; encoding: string; schema: { fields: Field[]; primaryKey: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[]; missingValues: string[] } }

function problemsOf(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
  const tables = new Map<string, Record<string, string>[]>();
  const problems: string[] = [];
  for (const r of pkg.resources) {
    const rows = parse(readFileSync(join(dir, r.path)), { columns: true, bom: true }) as Record<string, string>[];
    const header = parse(readFileSync(join(dir, r.path)), { to_line: 1, bom: true })[0] as string[];
    if (header.join(',') !== r.schema.fields.map(f => f.name).join(',')) problems.push(`${r.name}: header ${header} is not the schema's fields`);
    tables.set(r.name, rows);
    rows.forEach((row, i) => {
      for (const f of r.schema.fields) {
        const v = row[f.name]!;
        const where = `${r.name} row ${i + 2} ${f.name}=${JSON.stringify(v)}`;
        if (r.schema.missingValues.includes(v)) { if (f.constraints?.required) problems.push(`${where}: missing but required`); continue; }
        if (f.type === 'integer' && !/^-?\d+$/.test(v)) problems.push(`${where}: not an integer`);
        if (f.type === 'number' && !(/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) && Number.isFinite(Number(v)))) problems.push(`${where}: not a number`);
        if (f.type === 'boolean' && v !== 'true' && v !== 'false') problems.push(`${where}: not a boolean`);
        if (f.constraints?.enum && !f.constraints.enum.includes(v)) problems.push(`${where}: not one of ${f.constraints.enum}`);
        if (f.constraints?.pattern && !new RegExp(f.constraints.pattern, 'u').test(v)) problems.push(`${where}: does not match ${f.constraints.pattern}`);
        if (typeof f.constraints?.minimum === 'number' && Number(v) < f.constraints.minimum) problems.push(`${where}: below ${f.constraints.minimum}`);
      }
    });
    const keys = rows.map(row => r.schema.primaryKey.map(k => row[k]).join('\u0000'));
    if (new Set(keys).size !== keys.length) problems.push(`${r.name}: primary key ${r.schema.primaryKey} is not unique`);
  }
  for (const r of pkg.resources) {
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = new Set((tables.get(fk.reference.resource) ?? []).map(row => fk.reference.fields.map(k => row[k]).join('\u0000')));
      for (const row of tables.get(r.name)!) {
        const vals = fk.fields.map(k => row[k]!);
        if (vals.every(v => v === '')) continue;
        if (!target.has(vals.join('\u0000'))) problems.push(`${r.name} ${row.id ?? row.doc_id}: ${fk.fields}=${vals} not in ${fk.reference.resource}`);
      }
    }
  }
  return problems;
}

describe('the data package', () => {
  const out = join(tmp('pressmill-pkg-'), 'out');
  beforeAll(async () => { expect((await run(['extract', 'corpus', '--out', out, '--no-cache'])).code).toBe(0); });

  it('validates: every CSV value matches its declared type, keys are unique, every foreign key resolves', () => {
    expect(problemsOf(out)).toEqual([]);
  });
  it('declares the keys and links users join on', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
    expect(pkg.resources.map(r => r.name)).toEqual(['documents', 'targets', 'figures', 'speakers', 'statements', 'dates', 'entities']);
    const statements = pkg.resources.find(r => r.name === 'statements')!.schema;
    expect(statements.primaryKey).toEqual(['id']);
    expect(statements.foreignKeys).toEqual([
      { fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } },
      { fields: ['speaker_id'], reference: { resource: 'speakers', fields: ['id'] } },
    ]);
    const value = pkg.resources.find(r => r.name === 'targets')!.schema.fields.find(f => f.name === 'value')!;
    expect(value).toMatchObject({ type: 'number', constraints: { required: true } });
  });
  it('finds a value that breaks its type (the check can fail)', () => {
    const bad = join(tmp('pressmill-pkg-bad-'), 'out');
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
    pkg.resources[0]!.schema.fields.find(f => f.name === 'chars')!.type = 'boolean';
    cpSync(out, bad, { recursive: true });
    writeFileSync(join(bad, 'datapackage.json'), JSON.stringify(pkg));
    expect(problemsOf(bad).some(p => /documents row 2 chars=".*": not a boolean/.test(p))).toBe(true);
  });
  it('every per-document JSON file validates against its JSON Schema', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(out, 'schema', 'document.schema.json'), 'utf8')));
    const files = readdirSync(join(out, 'json'));
    expect(files.length).toBe(16);
    for (const f of files) {
      const ok = validate(JSON.parse(readFileSync(join(out, 'json', f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
  it('--excel writes the CSVs with a byte-order mark and says so', async () => {
    const xl = join(tmp('pressmill-xl-'), 'out');
    expect((await run(['extract', 'corpus', '--out', xl, '--no-cache', '--excel'])).code).toBe(0);
    expect(readFileSync(join(xl, 'csv', 'targets.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(JSON.parse(readFileSync(join(xl, 'datapackage.json'), 'utf8')).resources[0].encoding).toBe('utf-8-sig');
    expect(problemsOf(xl)).toEqual([]);
  });
});
