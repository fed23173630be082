/** Reads a document's structure: front matter, title, headings, credits, paragraphs (remark-parse positions) and sentences. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Lexicon } from '../rules/load.js';
import { segment } from './sentences.js';
import { isWide, narrow } from './narrow.js';
import { memoByObject } from '../memo.js';

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
  /** Build the tree of a simple document without remark (default true, see simpleTree); false always uses remark. */
  fastPath?: boolean;
}

export type Node = { type: string; depth?: number; value?: string; children?: Node[]; position?: { start: { offset?: number }; end: { offset?: number } } };

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * The start of a line that could open or change a Markdown block: a heading, quote, list item, rule, setext
 * underline, fence, HTML, link definition, table, indented code or front matter.
 */
const BLOCK_START = /^(?:[ ]{0,3}(?:[#>*+=_`~<[|-]|\d{1,9}[.)])|[ ]{4}|[ ]{0,3}\t)/u;
/** A bullet list item at the margin, one space after its marker, its text opening with no block syntax. */
const BULLET = /^[-*+] (?=\S)(?!(?:[#>*+=_`~<[|-]|\d{1,9}[.)]))/u;
/** An ATX heading at the margin with text and no closing #s ("## Highlights"). */
const HEADING = /^(#{1,6})([ \t]+)(?=[^ \t])(.*?[^# \t])[ \t]*$/u;
/** A front matter fence line. */
const FENCE = /^---[ \t]*$/u;

/**
 * The tree remark builds for a simple document, built without parsing it: YAML front matter, ATX headings,
 * paragraphs and flat bullet lists, with remark's positions. A paragraph is a run of lines that are not blank
 * (spaces and tabs only), from the first character after a line's leading spaces (after the marker, in a list
 * item) to the end of the run's last line; a heading or a bullet item ends the paragraph before it, and a
 * line after an item with no marker continues the item (a lazy continuation). Null when the text has any
 * other block syntax, an indented line in or after a list (it could be an item's second paragraph), NUL
 * (remark rewrites it) or a byte-order mark (remark leaves it out of its offsets): remark reads those. A
 * property test holds this to remark's own trees.
 */
export function simpleTree(text: string): Node | null {
  if (text.includes('\0') || text.charCodeAt(0) === 0xfeff) return null;
  const children: Node[] = [];
  const at = (start: number, end: number) => ({ start: { offset: start }, end: { offset: end } });
  const line = /([^\r\n]*)(\r\n|\r|\n|$)/gy;
  let m = line.exec(text);
  if (m && FENCE.test(m[1]!) && m[2]) {
    // Front matter: up to the next fence line; its value leaves out the line ending before that fence.
    const from = line.lastIndex;
    let value: string | null = null;
    for (let f = line.exec(text); f; f = line.exec(text)) {
      if (FENCE.test(f[1]!)) { value = text.slice(from, Math.max(from, f.index - (text[f.index - 2] === '\r' && text[f.index - 1] === '\n' ? 2 : 1))); break; }
      if (!f[2]) break;
    }
    if (value === null) return null;
    children.push({ type: 'yaml', value });
    m = line.exec(text);
  }
  let open: Node | null = null;
  let list = false, indented = false;
  for (; m; m = line.exec(text)) {
    const content = m[1]!;
    const end = m.index + content.length;
    let h: RegExpExecArray | null;
    if (/^[ \t]*$/.test(content)) open = null;
    else if (BULLET.test(content)) {
      list = true;
      open = { type: 'paragraph', position: at(m.index + 2, end) };
      children.push({ type: 'listItem', children: [open] });
    } else if ((h = HEADING.exec(content))) {
      const inner = m.index + h[1]!.length + h[2]!.length;
      children.push({ type: 'heading', depth: h[1]!.length, position: at(m.index, end), children: [{ type: 'text', position: at(inner, inner + h[3]!.length) }] });
      open = null;
    } else if (BLOCK_START.test(content)) return null;
    else {
      if (content.charCodeAt(0) === 32) indented = true;
      if (open) open.position!.end.offset = end;
      else { open = { type: 'paragraph', position: at(m.index + /^ */.exec(content)![0].length, end) }; children.push(open); }
    }
    if (list && indented) return null;
    if (!m[2]) break;
  }
  return { type: 'root', children };
}

/**
 * The credit pattern as a global pattern for scanning a block, made once per pattern: one made for every block
 * of every document costs a compilation whenever V8 has dropped it from its cache. A caller sets lastIndex.
 */
const creditScanner = memoByObject((pattern: RegExp) => new RegExp(pattern.source, 'gu' + (pattern.ignoreCase ? 'i' : '')));

/** What a walk of the syntax tree collects: its text leaves in order, and the front matter. */
interface Leaves {
  leaves: { node: Node; start: number; end: number; listItem: boolean }[];
  frontMatter: Record<string, unknown>;
  frontMatterError: string | null;
}

/**
 * Collect a tree's paragraphs, headings and table cells, and its front matter. A function of the module, not a
 * closure made for each document (why: src/order.ts).
 */
function visit(n: Node, listItem: boolean, out: Leaves): void {
  if (n.type === 'yaml') {
    try {
      const v = parseYaml(n.value ?? '', { schema: 'core' }) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) out.frontMatter = v as Record<string, unknown>;
      else if (v != null) out.frontMatterError = 'Unexpected front matter that is not a mapping, expected key: value lines';
    } catch (e) {
      out.frontMatterError = `Unexpected front matter YAML: ${(e as Error).message.split('\n')[0]}`;
    }
    return;
  }
  if (n.type === 'code' || n.type === 'html' || n.type === 'thematicBreak' || n.type === 'definition') return;
  if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
    const s = n.position?.start.offset, e = n.position?.end.offset;
    if (s !== undefined && e !== undefined && e > s) out.leaves.push({ node: n, start: s, end: e, listItem });
    return;
  }
  for (const c of n.children ?? []) visit(c, listItem || n.type === 'listItem', out);
}

/** Parse a decoded text into blocks and sentences. Never throws on content: front matter errors become a message. */
export function parseDocument(text: string, opts: ParseOptions): ParsedDocument {
  const tree = (opts.fastPath !== false ? simpleTree(text) : null) ?? processor.parse(text) as Node;
  const found: Leaves = { leaves: [], frontMatter: {}, frontMatterError: null };
  visit(tree, false, found);
  const { leaves, frontMatter, frontMatterError } = found;

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
  // A sentence of a text stored two bytes a character is stored one byte a character where it can be (narrow.ts).
  const wide = isWide(text);
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi]!;
    const pieces: [number, number][] = [];
    let cursor = b.start;
    const re = creditScanner(opts.creditPattern);
    re.lastIndex = 0;
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
        sentences.push({ start: ss, end: se, text: wide ? narrow(text.slice(ss, se)) : text.slice(ss, se), block: bi });
      }
    }
  }
  return { text, frontMatter, frontMatterError, title, blocks, credits, sentences };
}

const skipSpace = (t: string, i: number) => { while (i < t.length && /\s/.test(t[i]!)) i++; return i; };
const trimEnd = (t: string, s: number, e: number) => { while (e > s && /\s/.test(t[e - 1]!)) e--; return e; };
