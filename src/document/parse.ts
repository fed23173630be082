/** Reads a document's structure: front matter, title, headings, credits, paragraphs (remark-parse positions) and sentences. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Lexicon } from '../rules/load.js';
import { segment } from './sentences.js';

/** A leaf block of text; offsets are UTF-16 indices into the decoded text. */
export interface Block {
  kind: 'title' | 'heading' | 'paragraph';
  start: number;
  end: number;
  /** Inside a list item ("- ...", "1. ..."): its sentences continue the lead-in before the list. */
  listItem: boolean;
}

/** A photo or graphics credit: "(Photo/ Chen Zhan)"; not text, but its name is kept for entities. */
export interface Credit {
  start: number;
  end: number;
  label: string;
  name: string;
}

/** A sentence: UTF-16 span into the text and the index of its block. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  block: number;
}

export interface ParsedDocument {
  text: string;
  frontMatter: Record<string, unknown>;
  frontMatterError: string | null;
  title: string | null;
  blocks: Block[];
  credits: Credit[];
  sentences: Sentence[];
}

export interface ParseOptions {
  markdown: boolean;
  abbreviations: Lexicon;
  creditPattern: RegExp;
  headingMaxChars: number;
  /** Read plain text with no Markdown block syntax without remark (default true); false always uses remark. */
  plainFastPath?: boolean;
}

type Node = { type: string; depth?: number; value?: string; children?: Node[]; position?: { start: { offset?: number }; end: { offset?: number } } };

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * The start of a line that could open or change a Markdown block: a heading, quote, list item, rule, setext
 * underline, fence, HTML, link definition, table, indented code or front matter.
 */
const BLOCK_START = /^(?:[ ]{0,3}(?:[#>*+=_`~<[|-]|\d{1,9}[.)])|[ ]{4}|[ ]{0,3}\t)/u;
/** A bullet list item at the margin, one space after its marker, its text opening with no block syntax. */
const BULLET = /^[-*+] (?=\S)(?!(?:[#>*+=_`~<[|-]|\d{1,9}[.)]))/u;

export interface PlainParagraph { start: number; end: number; listItem: boolean }

/**
 * The paragraphs remark finds in a plain text with no block syntax but flat bullet lists, without parsing it:
 * runs of lines that are not blank (spaces and tabs only), from the first character after a line's leading
 * spaces (after the marker, in a list item) to the end of the run's last line. A bullet item ends the
 * paragraph before it and opens its own; a line after it with no marker continues it (a lazy continuation).
 * Null when the text has any other block syntax, an indented line in or after a list (it could be an item's
 * second paragraph), NUL (remark rewrites it) or a byte-order mark (remark leaves it out of its offsets):
 * remark reads those. A property test holds this to remark's own positions.
 */
export function plainParagraphs(text: string): PlainParagraph[] | null {
  if (text.includes('\0') || text.charCodeAt(0) === 0xfeff) return null;
  const out: PlainParagraph[] = [];
  const line = /([^\r\n]*)(\r\n|\r|\n|$)/gy;
  let open: PlainParagraph | null = null;
  let list = false, indented = false;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const content = m[1]!;
    const end = m.index + content.length;
    if (/^[ \t]*$/.test(content)) open = null;
    else if (BULLET.test(content)) {
      list = true;
      open = { start: m.index + 2, end, listItem: true };
      out.push(open);
    } else if (BLOCK_START.test(content)) return null;
    else {
      if (content.charCodeAt(0) === 32) indented = true;
      if (open) open.end = end;
      else { open = { start: m.index + (/^ */.exec(content)![0].length), end, listItem: false }; out.push(open); }
    }
    if (list && indented) return null;
    if (!m[2]) break;
  }
  return out;
}

/** Parse a decoded text into blocks and sentences. Never throws on content: front matter errors become a message. */
export function parseDocument(text: string, opts: ParseOptions): ParsedDocument {
  const plain = !opts.markdown && opts.plainFastPath !== false ? plainParagraphs(text) : null;
  const tree: Node = plain ? { type: 'root', children: [] } : processor.parse(text) as Node;
  let frontMatter: Record<string, unknown> = {};
  let frontMatterError: string | null = null;
  const leaves: { node: Node; start: number; end: number; listItem: boolean }[] = [];
  for (const p of plain ?? []) leaves.push({ node: { type: 'paragraph' }, start: p.start, end: p.end, listItem: p.listItem });
  const visit = (n: Node, listItem: boolean) => {
    if (n.type === 'yaml') {
      try {
        const v = parseYaml(n.value ?? '', { schema: 'core' }) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v)) frontMatter = v as Record<string, unknown>;
        else if (v != null) frontMatterError = 'Unexpected front matter that is not a mapping, expected key: value lines';
      } catch (e) {
        frontMatterError = `Unexpected front matter YAML: ${(e as Error).message.split('\n')[0]}`;
      }
      return;
    }
    if (n.type === 'code' || n.type === 'html' || n.type === 'thematicBreak' || n.type === 'definition') return;
    if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
      const s = n.position?.start.offset, e = n.position?.end.offset;
      if (s !== undefined && e !== undefined && e > s) leaves.push({ node: n, start: s, end: e, listItem });
      return;
    }
    for (const c of n.children ?? []) visit(c, listItem || n.type === 'listItem');
  };
  visit(tree, false);

  const blocks: Block[] = [];
  for (const { node, start, end, listItem } of leaves) {
    if (node.type === 'heading') {
      // Skip the "#" markers so spans hold only the heading's words.
      const inner = node.children?.length ? node.children[0]!.position?.start.offset ?? start : start;
      const last = node.children?.length ? node.children[node.children.length - 1]!.position?.end.offset ?? end : end;
      blocks.push({ kind: 'heading', start: inner, end: last, listItem });
    } else blocks.push({ kind: 'paragraph', start, end, listItem });
  }

  let title: string | null = typeof frontMatter.title === 'string' ? frontMatter.title : null;
  if (opts.markdown) {
    const first = blocks[0];
    const firstLeaf = leaves[0];
    if (first && firstLeaf?.node.type === 'heading' && firstLeaf.node.depth === 1) {
      first.kind = 'title';
      title ??= text.slice(first.start, first.end).trim();
    }
  } else if (blocks.length) {
    // Plain text: the first line is the title; the rest of its paragraph, if any, is a paragraph.
    const first = blocks[0]!;
    const nl = text.indexOf('\n', first.start);
    if (nl !== -1 && nl < first.end) {
      const rest = skipSpace(text, nl + 1);
      blocks.splice(1, 0, { kind: 'paragraph', start: rest, end: first.end, listItem: false });
      first.end = trimEnd(text, first.start, nl);
    }
    first.kind = 'title';
    title ??= text.slice(first.start, first.end).trim();
    for (const b of blocks.slice(1)) {
      const s = text.slice(b.start, b.end);
      // A heading is one short line with no closing punctuation, no list or label and no sentence end inside
      // it ("Media contact: Zhang Min, ..." and '"We will stay." ― Ana Ruiz' are paragraphs).
      if (!s.includes('\n') && s.length <= opts.headingMaxChars && !/[.!?:;,…"”’)\]。！？]\s*$/.test(s) && !/[,;]|:\s/u.test(s) && !/[.!?…]["”’]?\s/u.test(s)) b.kind = 'heading';
    }
  }

  const credits: Credit[] = [];
  const sentences: Sentence[] = [];
  blocks.forEach((b, bi) => {
    const pieces: [number, number][] = [];
    let cursor = b.start;
    const re = new RegExp(opts.creditPattern.source, 'gu' + (opts.creditPattern.ignoreCase ? 'i' : ''));
    const s = text.slice(b.start, b.end);
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const cs = b.start + m.index, ce = cs + m[0].length;
      credits.push({ start: cs, end: ce, label: m.groups?.label ?? '', name: (m.groups?.name ?? '').trim() });
      pieces.push([cursor, cs]);
      cursor = ce;
    }
    pieces.push([cursor, b.end]);
    for (const [ps, pe] of pieces) {
      for (const [ss, se] of segment(text, ps, pe, opts.abbreviations, !opts.markdown)) {
        sentences.push({ start: ss, end: se, text: text.slice(ss, se), block: bi });
      }
    }
  });
  return { text, frontMatter, frontMatterError, title, blocks, credits, sentences };
}

const skipSpace = (t: string, i: number) => { while (i < t.length && /\s/.test(t[i]!)) i++; return i; };
const trimEnd = (t: string, s: number, e: number) => { while (e > s && /\s/.test(t[e - 1]!)) e--; return e; };
