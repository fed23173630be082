/** The dataset contract of SPEC.md as zod schemas: the only definition of every record; types are inferred. */
import { z } from 'zod';

/** Schema version written to the manifest; bump when a field is added or its meaning changes. */
export const SCHEMA_VERSION = '1.0.0';

const id = z.string().min(1).describe('Record id: <doc_id>#<type>-<n>');
const docId = z.string().min(1).describe('Document id (front matter id, else the path relative to the corpus root)');

/** Fields every record taken from a span of text carries. */
const spanFields = {
  text: z.string().min(1).describe('The text of the span, equal to the source sliced at start/end'),
  start: z.number().int().nonnegative().describe('Start offset in Unicode code points (BOM removed)'),
  end: z.number().int().nonnegative().describe('End offset in code points, exclusive'),
  sentence: z.string().min(1).describe('The whole sentence the span is in'),
  rule: z.string().min(1).describe('Id of the rule that produced the record'),
};

export const ReferenceDateSource = z.enum(['front-matter', 'option', 'text', 'inferred', 'none']);

export const DocumentRow = z.object({
  doc_id: docId,
  path: z.string().describe('Path relative to the corpus root, with / separators'),
  title: z.string().nullable().describe('Front matter title, else the first line of the text'),
  published: z.string().nullable().describe('Front matter published date, as given'),
  reference_date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable()
    .describe('Date that resolves relative expressions: YYYY-MM-DD, or YYYY when only the year could be inferred'),
  reference_date_source: ReferenceDateSource,
  chars: z.number().int().nonnegative().describe('Length of the text in code points (BOM removed)'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the file bytes'),
});

export const Unit = z.string().regex(/^(|%|pp|x|[A-Z]{3}|[A-Za-z0-9²³]+)$/);
export const Comparator = z.enum(['=', '>', '>=', '<', '<=', '~', 'range']);
export const Direction = z.enum(['increase', 'decrease', 'level']);
const period = z.string().regex(/^\d{4}(-(Q[1-4]|H[12]|\d{2}(-\d{2})?))?$/);

const quantityFields = {
  id,
  doc_id: docId,
  ...spanFields,
  subject: z.string().nullable().describe('Who sets or owns the quantity, as named in the text'),
  metric: z.string().nullable().describe('What is measured: a short noun phrase from the text'),
  direction: Direction,
  value: z.number().finite().describe('The number, scaled (150.3 billion is 150300000000)'),
  value_max: z.number().finite().nullable().describe('Upper end of a range'),
  unit: Unit.describe('%, pp, x, an ISO 4217 code, a physical unit, or empty for counts'),
  comparator: Comparator,
  period: period.nullable().describe('When it applies: 2023, 2025-Q4, 2024-H1, 2030-06'),
  baseline: z.string().regex(/^\d{4}(-\d{2})?$/).nullable().describe('Base period it is measured against'),
  speaker_id: z.string().nullable().describe('Speaker of the statement it was said in'),
  value_from: z.number().finite().nullable().describe('Starting value of a change "from X to Y" (Y is value)'),
  period_inherited: z.boolean().describe('True when the period was taken from elsewhere in the sentence or from a list\'s lead-in, not next to the quantity'),
  subject_inherited: z.boolean().describe('True when the subject is not named in the record\'s own sentence: a list\'s lead-in, or (targets) the last named subject before it'),
  cue: z.string().nullable().describe('The word or phrase that decided target versus figure'),
};

export const TargetRow = z.object({
  ...quantityFields,
  period_type: z.enum(['in', 'by']).nullable().describe('in: during the period; by: a deadline'),
}).refine(r => r.value_max === null || r.comparator === 'range', { message: 'value_max requires comparator "range"' });

export const FigureRow = z.object(quantityFields)
  .refine(r => r.value_max === null || r.comparator === 'range', { message: 'value_max requires comparator "range"' });

export const SpeakerRow = z.object({
  id, doc_id: docId, ...spanFields,
  name: z.string(), title: z.string().nullable(), organization: z.string().nullable(), mentions: z.number().int().positive(),
});

export const StatementRow = z.object({
  id, doc_id: docId, ...spanFields,
  speaker_id: z.string().nullable(), kind: z.enum(['direct', 'indirect']), cue: z.string(),
});

export const DateRow = z.object({
  id, doc_id: docId, ...spanFields,
  value: z.string().min(1).describe('TIMEX3 value: 2023, 2023-01-14, 2023-Q1, 2024-H1, 2024-W05, 2024-SU, 202 (a decade), 2024-07-18T15:00, PRESENT_REF, P5Y'),
  type: z.enum(['date', 'time', 'duration', 'set']),
  relative: z.boolean().describe('True when the reference date (or the date the text was about) was needed for the value'),
  mod: z.enum(['START', 'MID', 'END']).nullable().describe('A fuzzy edge: "early 2024" START, "mid-2024" MID, "the end of 2025" END; the value is the unit it sits in'),
});

export const EntityRow = z.object({
  id, doc_id: docId, ...spanFields,
  name: z.string().min(1).describe('The longest form of the name in the document'),
  type: z.enum(['person', 'organization', 'place', 'event']),
  mentions: z.number().int().positive().describe('How often it is named, by any of its forms'),
  aliases: z.array(z.string()).describe('The other forms merged into it ("EPA", "Tu", "Chongqing")'),
});

export type DocumentRow = z.infer<typeof DocumentRow>;
export type TargetRow = z.infer<typeof TargetRow>;
export type FigureRow = z.infer<typeof FigureRow>;
export type SpeakerRow = z.infer<typeof SpeakerRow>;
export type StatementRow = z.infer<typeof StatementRow>;
export type DateRow = z.infer<typeof DateRow>;
export type EntityRow = z.infer<typeof EntityRow>;

/** The record tables in output order; CSV files and per-document JSON keys follow it. */
export const TABLES = {
  targets: TargetRow,
  figures: FigureRow,
  speakers: SpeakerRow,
  statements: StatementRow,
  dates: DateRow,
  entities: EntityRow,
} as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** One document's output: the documents row and every table's rows, keys in the order SPEC fixes. */
export interface DocumentResult {
  document: DocumentRow;
  targets: TargetRow[];
  figures: FigureRow[];
  speakers: SpeakerRow[];
  statements: StatementRow[];
  dates: DateRow[];
  entities: EntityRow[];
}

/** Column order of each CSV: the schema's keys in declaration order. */
export function columnsOf(table: TableName | 'documents'): string[] {
  const schema = table === 'documents' ? DocumentRow : TABLES[table];
  const shape = 'shape' in schema ? schema.shape : (schema as unknown as { def: { in: { shape: object } } }).def.in.shape;
  return Object.keys(shape);
}
