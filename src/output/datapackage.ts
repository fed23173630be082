/**
 * A self-describing dataset: datapackage.json (Frictionless Data Package v2) with a Table Schema per CSV, and a
 * JSON Schema for the per-document JSON, all generated from the zod record schemas, so they cannot drift.
 */
import { z } from 'zod';
import { columnsOf, DocumentRow, SCHEMA_VERSION, TABLES, TABLE_NAMES, type TableName } from '../schema/records.js';

type CsvTable = TableName | 'documents';

/** The per-document JSON file as one zod schema. */
export const DocumentFile = z.object({
  document: DocumentRow,
  ...Object.fromEntries(TABLE_NAMES.map(t => [t, z.array(TABLES[t])])) as { [K in TableName]: z.ZodArray<(typeof TABLES)[K]> },
}).describe('One document of a pressmill dataset: its documents row and every record found in it');

interface TableField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number };
}

/** A JSON Schema fragment of one field, as zod writes it. */
type JsonField = { type?: string | string[]; anyOf?: JsonField[]; enum?: unknown[]; pattern?: string; description?: string; minimum?: number; items?: JsonField; minLength?: number };

/** A Table Schema field from a zod field, through its JSON Schema: type, enum, pattern, required, description. */
function fieldOf(name: string, js: JsonField, required: boolean): TableField {
  const alts = js.anyOf ?? [js];
  const nullable = alts.some(a => a.type === 'null') || (Array.isArray(js.type) && js.type.includes('null'));
  const main = alts.find(a => a.type !== 'null') ?? js;
  const t = Array.isArray(main.type) ? main.type.find(x => x !== 'null') : main.type;
  const description = js.description ?? main.description;
  const f: TableField = { name, type: 'string', ...(description ? { description } : {}) };
  const c: NonNullable<TableField['constraints']> = {};
  if (t === 'integer') f.type = 'integer';
  else if (t === 'number') f.type = 'number';
  else if (t === 'boolean') f.type = 'boolean';
  else if (t === 'array') f.description = `${description ?? ''} (in CSV: the items joined with "; ")`.trim();
  if (main.enum) c.enum = main.enum.map(String);
  if (main.pattern) c.pattern = main.pattern;
  if (typeof main.minimum === 'number') c.minimum = main.minimum;
  // Required when the schema refuses an empty cell's value: CSV writes "" for null, for an empty list and for "".
  const emptyOk = t === 'array' || (t === 'string' && !main.minLength && !main.enum && (!main.pattern || new RegExp(main.pattern, 'u').test('')));
  if (required && !nullable && !emptyOk) c.required = true;
  if (Object.keys(c).length) f.constraints = c;
  return f;
}

function tableSchema(table: CsvTable) {
  const schema = table === 'documents' ? DocumentRow : TABLES[table];
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, JsonField>; required?: string[] };
  const fields = columnsOf(table).map(c => fieldOf(c, js.properties[c] ?? {}, (js.required ?? []).includes(c)));
  const foreignKeys: { fields: string[]; reference: { resource: string; fields: string[] } }[] = [];
  if (table !== 'documents') foreignKeys.push({ fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } });
  if (columnsOf(table).includes('speaker_id')) foreignKeys.push({ fields: ['speaker_id'], reference: { resource: 'speakers', fields: ['id'] } });
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    fields,
    primaryKey: [table === 'documents' ? 'doc_id' : 'id'],
    ...(foreignKeys.length ? { foreignKeys } : {}),
    missingValues: [''],
  };
}

const TITLES: Record<CsvTable, string> = {
  documents: 'One row per document read: path, title, reference date and how it was found, length and hash',
  targets: 'Quantified targets: what a subject commits to reach, with value, unit, comparator, period and baseline',
  figures: 'Reported figures: quantities the text states as facts',
  speakers: 'People quoted or reported, with title and organisation',
  statements: 'What each speaker said: direct quotations and reported speech, with the cue',
  dates: 'Temporal expressions normalised to TIMEX3 values',
  entities: 'Named people, organisations, places and events, with their other forms',
};

/** datapackage.json for a dataset folder; `bom` when the CSVs carry a byte-order mark (--excel). */
export function dataPackage(info: { toolVersion: string; rulesDigest: string; bom: boolean }): string {
  const resources = (['documents', ...TABLE_NAMES] as CsvTable[]).map(t => ({
    name: t,
    path: `csv/${t}.csv`,
    type: 'table',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: info.bom ? 'utf-8-sig' : 'utf-8',
    description: TITLES[t],
    dialect: { $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json', header: true, delimiter: ',', quoteChar: '"', doubleQuote: true, lineTerminator: '\r\n' },
    schema: tableSchema(t),
  }));
  const pkg = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'pressmill-dataset',
    title: 'Targets, figures, speakers, statements, dates and entities extracted from press releases',
    description: `Made by pressmill ${info.toolVersion} (schema ${SCHEMA_VERSION}, rules ${info.rulesDigest.slice(0, 12)}). Offsets are Unicode code points into each source file as decoded. Per-document JSON files follow schema/document.schema.json.`,
    version: SCHEMA_VERSION,
    resources,
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** JSON Schema (draft 2020-12) of the per-document JSON files. */
export function documentJsonSchema(): string {
  const js = z.toJSONSchema(DocumentFile, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...js, $id: 'https://pressmill.invalid/schema/document.schema.json', title: 'pressmill document' }, null, 2)}\n`;
}
