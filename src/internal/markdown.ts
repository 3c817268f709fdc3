/**
 * A small incremental markdown parser for chat messages: the CommonMark blocks and inlines replies use,
 * GFM tables, strikethrough and bare URLs, and reference definitions as citations. It only builds a
 * typed tree; nothing here produces HTML, and URLs are checked where they are rendered.
 * Left out on purpose: indented code, setext headings, raw HTML (it stays text), entity references
 * (shown as written) and tab stops (a tab indents like a space).
 */
import {safeUrl} from './safe-url.js';

/** Alignment of a table column, from its delimiter row. */
export type Align = 'left' | 'center' | 'right' | null;

/** Inline content; plain text is a string. A `ref` is a `[label][key]`, `[label][]` or `[key]` marker. */
export type Inline =
  | string
  | {type: 'strong' | 'em' | 'del'; children: Inline[]}
  | {type: 'code'; text: string}
  | {type: 'break'}
  | {type: 'link'; href: string; title: string; children: Inline[]}
  | {type: 'ref'; key: string; children: Inline[]; suffix: string};

/** Block content; list items are block lists and table cells inline lists. */
export type Block =
  | {type: 'paragraph'; children: Inline[]}
  | {type: 'heading'; level: number; children: Inline[]}
  | {type: 'code'; lang: string; text: string}
  | {type: 'quote'; children: Block[]}
  | {type: 'list'; start: number | null; items: Block[][]}
  | {type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][]}
  | {type: 'rule'};

/** A cited source, numbered by first use; `url` is null when the definition's URL is not safe to link. */
export interface Citation {
  number: number;
  key: string;
  url: string | null;
  label: string;
}

interface Definition {
  url: string;
  title: string;
}

/** An inline parse and the citation keys it met, in order. */
type Parsed = [Inline[], string[]];

/** What parsing one top-level block found besides its tree, and the inline parses shared by a pass. */
interface Found {
  definitions: Map<string, Definition>;
  refs: string[];
  /** The previous pass's inline parses by text: a long list re-parses only the item that grew. */
  reuse: Map<string, Parsed>;
  /** This pass's inline parses, for the next pass. */
  parsed: Map<string, Parsed>;
}

const BLANK = /^\s*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-+*]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$/;
const TABLE_DELIMITER = /^[\s|:]*-[\s|:-]*$/;
const DEFINITION = /^ {0,3}\[([^\]]*[^\s\]][^\]]*)\]:[ \t]*(?:<([^<>]*)>|([^<\s]\S*))(?:[ \t]+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?[ \t]*$/;

const ESCAPABLE = /[!-\/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/;
const LINK_TAIL = /\(\s*(?:<([^<>\n]*)>|((?:[^\s()\\]|\\.|\([^\s()]*\))*))(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/y;
const AUTOLINK = /<([a-z][a-z\d+.-]{1,31}:[^\s<>]*|[^\s<>@:]+@[^\s<>@]+)>/iy;
const BARE_URL = /https?:\/\/[^\s<]+/y;
const FULL_REFERENCE = /\[([^[\]]*)\]/y;
const PLAIN = /[^\\\n`*_~![<h]+/y;
const BREAK: Inline = {type: 'break'};

const unescape = (text: string) => text.replace(/\\([!-\/:-@[-`{-~])/g, '$1');
const normalizeKey = (key: string) => key.trim().replace(/\s+/g, ' ').toLowerCase();
const indentOf = (line: string) => line.length - line.trimStart().length;
const nextNonBlank = (lines: string[], i: number) => {
  while (i < lines.length && BLANK.test(lines[i])) i++;
  return i;
};
const cells = (line: string) =>
  line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());

function isTableStart(lines: string[], i: number): boolean {
  const delimiter = lines[i + 1] ?? '';
  return (
    lines[i].includes('|') && delimiter.includes('|') && TABLE_DELIMITER.test(delimiter) &&
    cells(lines[i]).length === cells(delimiter).length
  );
}

/** Whether line `i` starts a block that ends a paragraph (CommonMark, plus definitions and tables). */
function interrupts(lines: string[], i: number): boolean {
  const line = lines[i];
  const item = ITEM.exec(line);
  return (
    [FENCE, HEADING, RULE, QUOTE, DEFINITION].some((re) => re.test(line)) ||
    isTableStart(lines, i) ||
    (!!item?.[5]?.trim() && (!item[3] || +item[3] === 1))
  );
}

function parseBlocks(lines: string[], found: Found): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; ) {
    if (BLANK.test(lines[i])) i++;
    else {
      const [block, next] = parseBlock(lines, i, found);
      if (block) blocks.push(block);
      i = next;
    }
  }
  return blocks;
}

/** The block starting at non-blank line `i` (null for a definition) and the index after it. */
function parseBlock(lines: string[], i: number, found: Found): [Block | null, number] {
  const line = lines[i];
  let m: RegExpExecArray | null;
  if ((m = FENCE.exec(line))) {
    const [, indent, fence, lang] = m;
    let end = i + 1;
    for (; end < lines.length; end++) {
      const close = FENCE.exec(lines[end]);
      if (close && !close[3] && close[2][0] === fence[0] && close[2].length >= fence.length) break;
    }
    // An unterminated fence runs to the end, so a streaming block shows what has arrived.
    const text = lines.slice(i + 1, end).map((l) => l.replace(/^ */, (s) => s.slice(indent.length)));
    return [{type: 'code', lang, text: text.join('\n')}, end + 1];
  }
  if ((m = HEADING.exec(line))) {
    const text = (m[2] ?? '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
    return [{type: 'heading', level: m[1].length, children: inlines(text, found)}, i + 1];
  }
  if (RULE.test(line)) return [{type: 'rule'}, i + 1];
  if (QUOTE.test(line)) {
    const inner: string[] = [];
    for (; i < lines.length; i++) {
      if (QUOTE.test(lines[i])) inner.push(lines[i].replace(QUOTE, ''));
      else if (!BLANK.test(lines[i]) && !BLANK.test(inner[inner.length - 1]) && !interrupts(lines, i)) inner.push(lines[i]);
      else break;
    }
    return [{type: 'quote', children: parseBlocks(inner, found)}, i];
  }
  if ((m = ITEM.exec(line))) {
    const kind = m[2].slice(-1);
    const start = m[3] ? +m[3] : null;
    const items: Block[][] = [];
    while ((m = ITEM.exec(lines[i] ?? '')) && m[2].slice(-1) === kind && !RULE.test(lines[i])) {
      const spaces = m[4] ?? '';
      const width = m[1].length + m[2].length + (spaces.length > 4 || !m[5] ? 1 : spaces.length);
      const item = [m[5] ?? ''];
      for (i++; i < lines.length; i++) {
        const next = lines[i];
        const blank = BLANK.test(next);
        if (indentOf(blank ? lines[nextNonBlank(lines, i)] ?? '' : next) >= width) item.push(next.slice(width));
        else if (blank || ITEM.test(next) || BLANK.test(item[item.length - 1]) || interrupts(lines, i)) break;
        else item.push(next);
      }
      items.push(parseBlocks(item, found));
      i = nextNonBlank(lines, i);
    }
    return [{type: 'list', start, items}, i];
  }
  if (isTableStart(lines, i)) {
    const align = cells(lines[i + 1]).map((c): Align =>
      /^:-+:$/.test(c) ? 'center' : c[0] === ':' ? 'left' : c.endsWith(':') ? 'right' : null);
    const row = (l: string) => {
      const texts = cells(l);
      return align.map((_, k) => inlines(texts[k] ?? '', found));
    };
    const head = row(line);
    const rows: Inline[][][] = [];
    for (i += 2; i < lines.length && !BLANK.test(lines[i]) && !interrupts(lines, i); i++) rows.push(row(lines[i]));
    return [{type: 'table', align, head, rows}, i];
  }
  if ((m = DEFINITION.exec(line))) {
    const key = normalizeKey(m[1]);
    if (!found.definitions.has(key)) found.definitions.set(key, {url: m[2] ?? m[3], title: m[4] ?? m[5] ?? m[6] ?? ''});
    return [null, i + 1];
  }
  // Soft line breaks stay in the text and render as line breaks, as chat users expect.
  const text = [line.trim()];
  while (++i < lines.length && !BLANK.test(lines[i]) && !interrupts(lines, i)) text.push(lines[i].trim());
  return [{type: 'paragraph', children: inlines(text.join('\n'), found)}, i];
}

/** A run of `*`, `_` or `~~` that may open or close emphasis (CommonMark's delimiter run). */
class Run {
  readonly length: number;
  constructor(readonly char: string, public count: number, readonly open: boolean, readonly close: boolean) {
    this.length = count;
  }
}

/** Index of the `]` that closes the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[') depth++;
    else if (text[j] === ']' && !--depth) return j;
  }
  return -1;
}

/** Inline content of a block's `text`, reusing the previous pass's parse of the same text. */
function inlines(text: string, found: Found): Inline[] {
  let parsed = found.reuse.get(text);
  if (!parsed) {
    const refs: string[] = [];
    parsed = [parseInlines(text, refs), refs];
  }
  found.parsed.set(text, parsed);
  found.refs.push(...parsed[1]);
  return parsed[0];
}

/**
 * Inline content of `text`, adding citation keys to `refs`. Inside link text no links or citations
 * start (CommonMark lets an inner link win over the outer one; here the outer one does).
 */
function parseInlines(text: string, refs: string[], inLink = false): Inline[] {
  const tokens: (Inline | Run)[] = [];
  let plain = '';
  const push = (node: Inline | Run) => {
    if (plain) tokens.push(plain);
    plain = '';
    tokens.push(node);
  };
  const at = (re: RegExp, from: number) => ((re.lastIndex = from), re.exec(text));
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    let n = 1;
    if ('`*_~'.includes(ch)) while (text[i + n] === ch) n++;
    let m: RegExpExecArray | null;
    if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
    } else if (ch === '\n' || (ch === '\\' && text[i + 1] === '\n')) {
      push(BREAK);
      i += ch === '\n' ? 1 : 2;
    } else if (ch === '`') {
      const closer = new RegExp(`(?<!\`)${'`'.repeat(n)}(?!\`)`, 'g');
      const end = at(closer, i + n);
      if (end) {
        const code = text.slice(i + n, end.index).replace(/\n/g, ' ');
        push({type: 'code', text: /^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code});
        i = end.index + n;
      } else {
        plain += text.slice(i, i + n);
        i += n;
      }
    } else if (ch === '*' || ch === '_' || (ch === '~' && n === 2)) {
      // Strikethrough takes exactly two tildes (GFM also allows one).
      const before = text[i - 1] ?? ' ';
      const after = text[i + n] ?? ' ';
      const left = !SPACE.test(after) && (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before));
      const right = !SPACE.test(before) && (!PUNCTUATION.test(before) || SPACE.test(after) || PUNCTUATION.test(after));
      push(ch === '_'
        ? new Run(ch, n, left && (!right || PUNCTUATION.test(before)), right && (!left || PUNCTUATION.test(after)))
        : new Run(ch, n, left, right));
      i += n;
    } else if (!inLink && (ch === '[' || (ch === '!' && text[i + 1] === '['))) {
      const open = ch === '!' ? i + 1 : i;
      const close = closingBracket(text, open);
      const label = text.slice(open + 1, close);
      const full = close > 0 && at(FULL_REFERENCE, close + 1);
      const key = normalizeKey((full && full[1]) || label);
      // Images become links to their source: a reply can never load a tracking pixel.
      if (close > 0 && (m = at(LINK_TAIL, close + 1))) {
        const href = unescape(m[1] ?? m[2]);
        const title = m[3] ? unescape(m[3].slice(1, -1)) : '';
        push({type: 'link', href, title, children: label ? parseInlines(label, refs, true) : [href]});
        i = close + 1 + m[0].length;
      } else if (close > 0 && ch === '[' && key && !/[[\]]/.test(label)) {
        // Any reference becomes a citation marker; unresolved, it renders as the text it was.
        refs.push(key);
        push({type: 'ref', key, children: parseInlines(label, refs, true), suffix: full ? full[0] : ''});
        i = close + 1 + (full ? full[0].length : 0);
      } else {
        plain += ch;
        i++;
      }
    } else if (!inLink && ch === '<' && (m = at(AUTOLINK, i))) {
      push({type: 'link', href: m[1].includes(':') ? m[1] : 'mailto:' + m[1], title: '', children: [m[1]]});
      i += m[0].length;
    } else if (!inLink && ch === 'h' && !/\w/.test(text[i - 1] ?? '') && (m = at(BARE_URL, i))) {
      // GFM's rule: trailing punctuation and unbalanced closing parentheses are not part of the URL.
      let url = m[0];
      while ((url = url.replace(/[?!.,:*_~'"]+$/, '')).endsWith(')') && url.split(')').length > url.split('(').length) {
        url = url.slice(0, -1);
      }
      push({type: 'link', href: url, title: '', children: [url]});
      i += url.length;
    } else {
      // Ordinary characters are taken in one go, up to the next one that may start something.
      const end = i + n + (at(PLAIN, i + n)?.[0].length ?? 0);
      plain += text.slice(i, end);
      i = end;
    }
  }
  if (plain) tokens.push(plain);
  return resolveEmphasis(tokens);
}

/** CommonMark's "process emphasis": pairs delimiter runs into strong, em and del nodes. */
function resolveEmphasis(tokens: (Inline | Run)[]): Inline[] {
  for (let c = 0; c < tokens.length; c++) {
    const closer = tokens[c];
    if (!(closer instanceof Run) || !closer.close) continue;
    for (let o = c - 1; o >= 0 && closer.count; o--) {
      const opener = tokens[o];
      if (
        opener instanceof Run && opener.open && opener.count && opener.char === closer.char &&
        !((opener.close || closer.open) && (opener.length + closer.length) % 3 === 0 && (opener.length % 3 || closer.length % 3))
      ) {
        const used = Math.min(2, opener.count, closer.count);
        opener.count -= used;
        closer.count -= used;
        const type = closer.char === '~' ? 'del' : used === 2 ? 'strong' : 'em';
        tokens.splice(o + 1, c - o - 1, {type, children: flatten(tokens.slice(o + 1, c))});
        c = o + 2;
        o++;
      }
    }
  }
  return flatten(tokens);
}

/** Tokens as inline nodes: unmatched delimiters become text, adjacent text merges. */
function flatten(tokens: (Inline | Run)[]): Inline[] {
  const nodes: Inline[] = [];
  for (const token of tokens) {
    const node = token instanceof Run ? token.char.repeat(token.count) : token;
    if (typeof node === 'string' && typeof nodes[nodes.length - 1] === 'string') nodes[nodes.length - 1] += node;
    else if (node !== '') nodes.push(node);
  }
  return nodes;
}

/**
 * A markdown message that grows by appended text. Only the unfinished tail is re-parsed on each append;
 * completed top-level blocks keep their identity, and citation markers resolve against definitions that
 * may arrive later, so a renderer can skip every block that did not change.
 */
export class MarkdownDocument {
  readonly #blocks: Block[] = [];
  #frozenCount = 0;
  #open = '';
  readonly #definitions = new Map<string, Definition>();
  readonly #refs = new Set<string>();
  #openFound: Found[] = [];
  #parsed = new Map<string, Parsed>();
  readonly #citing = new WeakSet<Block>();
  #citations: Citation[] = [];
  #citationsJson = '[]';

  /** The top-level blocks in order. */
  get blocks(): readonly Block[] {
    return this.#blocks;
  }

  /** The cited sources that have a definition, numbered by first use; a new array only when they change. */
  get citations(): readonly Citation[] {
    return this.#citations;
  }

  /** Whether `block` (top-level) holds citation markers, so its rendering depends on `citations`. */
  usesCitations(block: Block): boolean {
    return this.#citing.has(block);
  }

  /** Adds streamed text; costs time in proportion to the unfinished tail, not the whole message. */
  append(delta: string): void {
    this.#open += delta.replace(/\r/g, '');
    const lines = this.#open.split('\n');
    const last = lines.length - 1;
    const entries: {start: number; block: Block | null; found: Found}[] = [];
    const parsed = new Map<string, Parsed>();
    for (let i = 0; i < lines.length; ) {
      if (BLANK.test(lines[i])) i++;
      // The line being streamed may be the start of a definition: hidden rather than flashed as text.
      else if (i === last && !DEFINITION.test(lines[i]) && [...'x>"\')'].some((end) => DEFINITION.test(lines[i] + end))) break;
      else {
        const found: Found = {definitions: new Map(), refs: [], reuse: this.#parsed, parsed};
        const [block, next] = parseBlock(lines, i, found);
        entries.push({start: i, block, found});
        i = next;
      }
    }
    // A block is final once the next one starts on a complete line that is followed by another complete
    // line: no block looks further ahead than that (a table header checks its delimiter row).
    let frozen = 0;
    while (frozen + 1 < entries.length && entries[frozen + 1].start + 1 < last) frozen++;
    this.#blocks.length = this.#frozenCount;
    entries.forEach(({block, found}, k) => {
      if (block) {
        this.#blocks.push(block);
        if (found.refs.length) this.#citing.add(block);
      }
      if (k < frozen) {
        this.#frozenCount = this.#blocks.length;
        found.refs.forEach((key) => this.#refs.add(key));
        found.definitions.forEach((definition, key) => this.#definitions.has(key) || this.#definitions.set(key, definition));
      }
    });
    if (frozen) this.#open = lines.slice(entries[frozen].start).join('\n');
    this.#openFound = entries.slice(frozen).map((entry) => entry.found);
    this.#parsed = parsed;
    this.#updateCitations();
  }

  #updateCitations(): void {
    const keys = new Set(this.#refs);
    const openDefinitions = new Map<string, Definition>();
    for (const found of this.#openFound) {
      found.refs.forEach((key) => keys.add(key));
      found.definitions.forEach((definition, key) => openDefinitions.has(key) || openDefinitions.set(key, definition));
    }
    const citations: Citation[] = [];
    for (const key of keys) {
      const definition = this.#definitions.get(key) ?? openDefinitions.get(key);
      if (definition) {
        const url = safeUrl(definition.url);
        citations.push({number: citations.length + 1, key, url, label: definition.title || definition.url});
      }
    }
    const json = JSON.stringify(citations);
    if (json !== this.#citationsJson) [this.#citations, this.#citationsJson] = [citations, json];
  }
}

/** Parses a whole text at once. */
export function parseMarkdown(text: string): MarkdownDocument {
  const document = new MarkdownDocument();
  document.append(text);
  return document;
}
