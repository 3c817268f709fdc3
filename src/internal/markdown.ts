/**
 * A small incremental markdown parser for chat messages: CommonMark's blocks and inlines, GFM tables,
 * task lists, strikethrough, autolinks and footnotes, and reference definitions as citations. It only
 * builds a typed tree; nothing here produces HTML, and URLs are checked where they are rendered.
 * Left out on purpose: raw HTML (it stays text; `<br>` in a table cell is a line break), named entities
 * beyond a short common list (the rest show as written). test/internal/markdown-spec-deviations.ts lists
 * every difference from the specs with its reason.
 */
import {httpUrl, safeUrl} from './safe-url.js';

/** Alignment of a table column, from its delimiter row. */
export type Align = 'left' | 'center' | 'right' | null;

/**
 * Inline content; plain text is a string. A `ref` is a `[label][key]`, `[label][]`, `[key]` or `[^note]`
 * marker; `[2][3]` and `[1, 2]` are one marker with several keys. `words` says whether the label is part
 * of the sentence (a link text) rather than only the citation's number. `suffix` is the `[key]` written
 * after the label, shown as text when nothing resolves.
 */
export type Inline =
  | string
  | {type: 'strong' | 'em' | 'del'; children: Inline[]}
  | {type: 'code'; text: string}
  | {type: 'break'}
  | {type: 'task'; checked: boolean; label: string}
  | {type: 'link'; href: string; title: string; children: Inline[]}
  | {type: 'ref'; keys: string[]; words: boolean; children: Inline[]; suffix: string};

/** Block content; list items are block lists and table cells inline lists. */
export type Block =
  | {type: 'paragraph'; children: Inline[]}
  | {type: 'heading'; level: number; children: Inline[]}
  | {type: 'code'; lang: string; text: string}
  | {type: 'quote'; children: Block[]}
  | {type: 'list'; start: number | null; tight: boolean; items: Block[][]}
  | {type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][]}
  | {type: 'rule'};

/**
 * A cited source, numbered by first use; `url` is null when the definition's URL is not safe to link,
 * and for a footnote, whose text is `note`. While a message streams, a numbered marker whose definition
 * has not arrived yet is `pending`: it keeps its number, and the definition fills it in.
 */
export interface Citation {
  number: number;
  key: string;
  url: string | null;
  label: string;
  title?: string;
  note?: Inline[];
  pending?: true;
}

/** A source the stream named outside the markdown: a `source-url` part, or a `source-document` part (no URL: listed by its title). */
export interface Source {
  url: string | null;
  title?: string;
}

interface Definition {
  url: string;
  title: string;
  note?: Inline[];
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

/** What `make` returns, made at the first call and kept. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * `re.exec`, tried only on a line whose first non-space character is one of `starts` (a blank line's
 * `undefined` is in none): V8 compiles a regex at its first use, ~0.1 ms each and again for text beyond
 * Latin-1, and most lines of a reply start no block.
 */
const rule = (starts: string, re: RegExp) => (line: string) => (starts.includes(line.trimStart()[0]) ? re.exec(line) : null);
/** Whether `text` is only white space: `/^\s*$/` without a regex to compile (`trim` removes exactly what `\s` matches). */
const isBlank = (text: string) => !text.trim();
// A backtick fence's info string has no backtick (it would read as a code span); a tilde fence's may.
const FENCE = rule('`~', /^( {0,3})(`{3,}(?!.*`)|~{3,})[ \t]*(\S*).*$/);
const HEADING = rule('#', /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/);
const SETEXT = rule('=-', /^ {0,3}(=+|-+)[ \t]*$/);
const RULE = rule('-*_', /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/);
const QUOTE = rule('>', /^ {0,3}> ?/);
const ITEM = rule('-+*0123456789', /^( {0,3})([-+*]|(\d{1,9})[.)])(?:([ \t]+)(.*))?$/);
const TASK = rule('[', /^\[([ xX])\][ \t]+(?=\S)/);
const TABLE_DELIMITER = /^[\s|:]*-[\s|:-]*$/;
/** A whole reference definition, which may run over a few lines (destination and title on their own). */
const FULL_DEFINITION = /^ {0,3}\[((?:[^\\[\]]|\\.){0,999})\]:[ \t]*\n?[ \t]*(?:<((?:[^<>\n\\]|\\.)*)>|(?!<)((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))(?:(?:[ \t]+|[ \t]*\n[ \t]*)("(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|\((?:[^()\\]|\\[^])*\)))?[ \t]*(?:\n|$)/;
const FOOTNOTE = rule('[', /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/);

const ESCAPABLE = /[!-\/:-@[-`{-~]/;
// Built at first use, as autolinkLiteral: building a regex with Unicode property classes costs V8
// ~0.2 ms, which every page would pay at load, with or without a reply to parse.
const unicodePunctuation = once(() => /[\p{P}\p{S}]/u);
/** CommonMark's Unicode punctuation; in ASCII that is ESCAPABLE's set, told apart without the Unicode regex (~0.3 ms to build). */
const punctuation = (char: string) => (char < '\x80' ? ESCAPABLE : unicodePunctuation()).test(char);
const AUTOLINK = /<([a-z][a-z\d+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+\/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*)>/iy;
const ENTITY = /&(?:#[xX]([\da-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z\d]{1,31}));/y;
const ENTITIES_IN_TEXT = new RegExp(ENTITY.source, 'g');
/**
 * The named entities replies use, each its name then its character; any other name is shown as written
 * (the full table is 2,000 names). A Map, so `&constructor;` is no name here either.
 */
const ENTITIES = new Map(
  'amp& lt< gt> quot" apos\' nbsp\u00a0 copy© reg® trade™ mdash— ndash– hellip… laquo« raquo» lsquo‘ rsquo’ ldquo“ rdquo” bull• middot· times× deg° plusmn± euro€ pound£ larr← rarr→ le≤ ge≥ ne≠ frac12½'
    .split(' ')
    .map((pair): [string, string] => [pair.slice(0, -1), pair.slice(-1)]),
);
/** A bare URL, `www.` domain or email address (GFM's extended autolinks), in plain text. */
const autolinkLiteral = once(() => /(?:(?:(?<![a-zA-Z\d])https?:\/\/|(?<=^|[\s*_~(])(www\.))[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:[\/?#](?:(?!<)(?:[^\s\p{P}\p{S}]|[!-\/:-@[-`{-~]))*)?|(?<![\w.+\-:\/])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gu);
/**
 * Whether `text` has what every autolinkLiteral match contains. Text without any of these (most
 * messages, a welcome message) skips that regex: its first run compiles its Unicode classes, 3–10 ms.
 */
const mayAutolink = (text: string) => text.includes('://') || text.includes('www.') || text.includes('@');
const FULL_REFERENCE = /\[((?:[^\\[\]]|\\.){0,999})\]/y;
/**
 * An inline link's `[text](` inside a label (not an image's, not escaped). A pattern rather than a parse
 * of the label: nested labels would re-parse each other, exponentially in the depth of brackets.
 */
const INNER_LINK = /(?<![!\\])\[[^[\]]*\]\(/;
const NUMBERED = /^\^?\d+(?:[ \t]*,[ \t]*\^?\d+)*$/;
/** A key that is surely a citation while its definition may still come: a footnote or 1–99 (`[0]` is an index). */
const PENDING = /^\^|^[1-9]\d?$/;
const PLAIN = /[^\\\n`*_~![<&]+/y;
const BREAK: Inline = {type: 'break'};
const CELL_BREAK = /<br[ \t]*\/?>/iy;

/** How deeply parses nest (a quote in a quote, an image in an image's text). */
let nesting = 0;
/** Deeper than this, text is taken as it stands: hostile input exhausts neither the stack nor the time. */
const MAX_NESTING = 16;
function nested<T>(parse: () => T, flat: T): T {
  if (nesting >= MAX_NESTING) return flat;
  nesting++;
  try {
    return parse();
  } finally {
    nesting--;
  }
}

const unescape = (text: string) => (text.includes('\\') ? text.replace(/\\([!-\/:-@[-`{-~])/g, '$1') : text);
/** Escapes and entities of a URL or title resolved. */
const literal = (text: string) => unescape(text).replace(ENTITIES_IN_TEXT, (...m) => entity(m as RegExpMatchArray) ?? m[0]);
/** CommonMark: the first definition of a label wins. */
const keepFirst = <K, V>(map: Map<K, V>, key: K, value: V) => map.has(key) || map.set(key, value);
const normalizeKey = (key: string) => key.trim().replace(/\s+/g, ' ').toLowerCase();
const indentOf = (line: string) => line.length - line.trimStart().length;
const nextNonBlank = (lines: string[], i: number) => {
  while (i < lines.length && isBlank(lines[i])) i++;
  return i;
};
/** A lazy continuation line: paragraph text, so a `===` there is not a setext underline. */
const lazy = (line: string) => (SETEXT(line) ? '\\' + line.trim() : line);
/** A line with its leading tabs expanded to the next multiple of four columns. */
const expandTabs = (line: string) =>
  !line.includes('\t') ? line : line.replace(/^[ \t]*\t/, (lead) => [...lead].reduce((out, c) => (c === ' ' ? out + ' ' : out + ' '.repeat(4 - (out.length % 4))), ''));
// GFM: `\|` is a pipe inside a cell, even inside a code span.
const cells = (line: string) =>
  line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));

/** The character of an ENTITY match (its groups: hex digits, decimal digits, name), or null for an unknown name. */
function entity([, hex, decimal, name]: RegExpMatchArray): string | null {
  if (name) return ENTITIES.get(name) ?? null;
  const code = parseInt(hex ?? decimal, hex ? 16 : 10);
  return String.fromCodePoint(code && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? code : 0xfffd);
}

function isTableStart(lines: string[], i: number): boolean {
  const delimiter = lines[i + 1] ?? '';
  return (
    lines[i].includes('|') && delimiter.includes('|') && TABLE_DELIMITER.test(delimiter) &&
    cells(lines[i]).length === cells(delimiter).length
  );
}

/** The reference definition at line `i`: its key, definition and the index after it. */
function definitionAt(lines: string[], i: number): [string, Definition, number] | null {
  if (lines[i].trimStart()[0] !== '[') return null;
  const text = lines.slice(i, i + 8).join('\n');
  const m = FULL_DEFINITION.exec(text);
  const key = m && normalizeKey(m[1]);
  if (!m || !key || key[0] === '^' || /\n[ \t]*\n/.test(m[4] ?? '')) return null;
  const title = m[4] ? literal(m[4].slice(1, -1)) : '';
  return [key, {url: literal(m[2] ?? m[3]), title}, i + m[0].replace(/\n$/, '').split('\n').length];
}

/**
 * Whether line `i` starts a block that ends a paragraph: CommonMark's rules, plus definitions and
 * footnotes (a reply puts its sources right under the text) and tables.
 */
function interrupts(lines: string[], i: number): boolean {
  const line = lines[i];
  const item = ITEM(line);
  return (
    [FENCE, HEADING, RULE, QUOTE, FOOTNOTE].some((startsBlock) => startsBlock(line)) ||
    !!definitionAt(lines, i) ||
    isTableStart(lines, i) ||
    (!!item?.[5]?.trim() && (!item[3] || +item[3] === 1))
  );
}

/** The blocks of `lines`, and whether a blank line separates two of them (which makes a list item loose). */
function parseBlocks(lines: string[], found: Found): [Block[], boolean] {
  return nested(() => parseBlocksNow(lines, found), [[{type: 'paragraph', children: [lines.join('\n')]}], false]);
}

function parseBlocksNow(lines: string[], found: Found): [Block[], boolean] {
  const blocks: Block[] = [];
  let gap = false;
  let blank = false;
  for (let i = 0; i < lines.length; ) {
    if (isBlank(lines[i])) {
      blank = i > 0;
      i++;
    } else {
      const [block, next] = parseBlock(lines, i, found);
      if (blank && blocks.length) gap = true;
      if (block) blocks.push(block);
      blank = false;
      i = next;
    }
  }
  return [blocks, gap];
}

/** The block starting at non-blank line `i` (null for a definition) and the index after it. */
function parseBlock(lines: string[], i: number, found: Found): [Block | null, number] {
  const line = lines[i];
  let m: RegExpExecArray | null;
  if (indentOf(line) >= 4) {
    const text: string[] = [];
    for (let end = i; end < lines.length && (isBlank(lines[end]) || indentOf(lines[end]) >= 4); end++) text.push(lines[end].slice(4));
    while (isBlank(text[text.length - 1])) text.pop();
    return [{type: 'code', lang: '', text: text.join('\n')}, i + text.length];
  }
  if ((m = FENCE(line))) {
    const [, indent, fence, lang] = m;
    let end = i + 1;
    for (; end < lines.length; end++) {
      const close = FENCE(lines[end]);
      if (close && !close[3] && close[2][0] === fence[0] && close[2].length >= fence.length) break;
    }
    // An unterminated fence runs to the end (less the empty line after a final newline), so a streaming
    // block shows what has arrived.
    const text = lines.slice(i + 1, end === lines.length && !lines[end - 1] ? end - 1 : end).map((l) => (indent ? l.replace(/^ */, (s) => s.slice(indent.length)) : l));
    return [{type: 'code', lang: literal(lang), text: text.join('\n')}, end + 1];
  }
  if ((m = HEADING(line))) {
    const text = (m[2] ?? '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
    return [{type: 'heading', level: m[1].length, children: inlines(text, found)}, i + 1];
  }
  if (RULE(line)) return [{type: 'rule'}, i + 1];
  if (QUOTE(line)) {
    const inner: string[] = [];
    for (let quoted; i < lines.length; i++) {
      if ((quoted = QUOTE(lines[i]))) inner.push(expandTabs(lines[i].slice(quoted[0].length)));
      else if (!isBlank(lines[i]) && !isBlank(inner[inner.length - 1]) && !interrupts(lines, i) && indentOf(inner[inner.length - 1]) < 4) inner.push(lazy(lines[i]));
      else break;
    }
    return [{type: 'quote', children: parseBlocks(inner, found)[0]}, i];
  }
  if ((m = ITEM(line))) {
    const kind = m[2].slice(-1);
    const start = m[3] ? +m[3] : null;
    const items: Block[][] = [];
    let tight = true;
    let end = i;
    while ((m = ITEM(lines[i] ?? '')) && m[2].slice(-1) === kind && !RULE(lines[i])) {
      const spaces = m[4] ?? '';
      // Content five or more spaces in is indented code, one space after the marker.
      const wide = spaces.length > 4 || !m[5];
      const width = m[1].length + m[2].length + (wide ? 1 : spaces.length);
      const item = [wide && m[5] ? spaces.slice(1) + m[5] : m[5] ?? ''];
      for (i++; i < lines.length; i++) {
        const next = lines[i];
        const blank = isBlank(next);
        // An item that starts with a blank line ends at the next blank one.
        if (blank && item.length === 1 && !item[0]) break;
        if (indentOf(blank ? lines[nextNonBlank(lines, i)] ?? '' : next) >= width) item.push(next.slice(width));
        else if (blank || ITEM(next) || isBlank(item[item.length - 1]) || interrupts(lines, i)) break;
        else item.push(lazy(next));
      }
      const task = TASK(item[0]);
      if (task) item[0] = item[0].slice(task[0].length);
      const [children, gap] = parseBlocks(item, found);
      const [first] = children;
      if (task && first?.type === 'paragraph') children[0] = {...first, children: [{type: 'task', checked: task[1] !== ' ', label: plainText(first.children)}, ' ', ...first.children]};
      items.push(children);
      end = i;
      i = nextNonBlank(lines, i);
      const more = ITEM(lines[i] ?? '');
      if (gap || (i > end && more && more[2].slice(-1) === kind && !RULE(lines[i]))) tight = false;
    }
    // Blank lines after the last item belong to the container: they make its item loose, not this list.
    return [{type: 'list', start, tight, items}, end];
  }
  if (isTableStart(lines, i)) {
    const align = cells(lines[i + 1]).map((c): Align =>
      /^:-+:$/.test(c) ? 'center' : c[0] === ':' ? 'left' : c.endsWith(':') ? 'right' : null);
    const row = (l: string) => {
      const texts = cells(l);
      return align.map((_, k) => inlines(texts[k] ?? '', found, true));
    };
    const head = row(line);
    const rows: Inline[][][] = [];
    for (i += 2; i < lines.length && !isBlank(lines[i]) && !interrupts(lines, i); i++) rows.push(row(lines[i]));
    return [{type: 'table', align, head, rows}, i];
  }
  if ((m = FOOTNOTE(line))) {
    const key = '^' + normalizeKey(m[1]);
    const text = [m[2].trim()];
    while (++i < lines.length && !isBlank(lines[i]) && !interrupts(lines, i)) text.push(lines[i].trim());
    const note = inlines(text.join('\n'), found);
    keepFirst(found.definitions, key, {url: '', title: '', note});
    return [null, i];
  }
  const definition = definitionAt(lines, i);
  if (definition) {
    const [key, value, next] = definition;
    keepFirst(found.definitions, key, value);
    return [null, next];
  }
  // Soft line breaks stay in the text and render as line breaks, as chat users expect.
  // Spaces before a line break go in the inline parse, which keeps them only inside a code span.
  const text = [line.trimStart()];
  while (++i < lines.length && !isBlank(lines[i])) {
    const setext = SETEXT(lines[i]);
    if (setext) return [{type: 'heading', level: setext[1][0] === '=' ? 1 : 2, children: inlines(text.join('\n').trimEnd(), found)}, i + 1];
    if (interrupts(lines, i)) break;
    text.push(lines[i].trimStart());
  }
  return [{type: 'paragraph', children: inlines(text.join('\n').trimEnd(), found)}, i];
}

/** A run of `*`, `_` or `~` that may open or close emphasis (CommonMark's delimiter run). */
class Run {
  readonly length: number;
  constructor(readonly char: string, public count: number, readonly open: boolean, readonly close: boolean) {
    this.length = count;
  }
}

/** The index after the code span whose backtick run starts at `i`, or -1 when the run closes nothing. */
function codeSpanEnd(text: string, i: number): number {
  let n = 1;
  while (text[i + n] === '`') n++;
  const closer = new RegExp(`(?<!\`)${'`'.repeat(n)}(?!\`)`, 'g');
  closer.lastIndex = i + n;
  const end = closer.exec(text);
  return end ? end.index + n : -1;
}

/** Index of the `]` that closes the `[` at `open`, or -1; code spans and autolinks bind tighter than brackets. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '`') {
      const end = codeSpanEnd(text, j);
      while (text[j + 1] === '`') j++;
      if (end > 0) j = end - 1;
    } else if (text[j] === '<' && ((AUTOLINK.lastIndex = j), AUTOLINK.test(text))) j = AUTOLINK.lastIndex - 1;
    else if (text[j] === '[') depth++;
    else if (text[j] === ']' && !--depth) return j;
  }
  return -1;
}

const skipSpace = (text: string, i: number) => i + /^[ \t]*\n?[ \t]*/.exec(text.slice(i, i + 80))![0].length;

/** The `(destination "title")` of an inline link at `i`: [href, title, index after], or null. */
function linkTail(text: string, i: number): [string, string, number] | null {
  if (text[i] !== '(') return null;
  i = skipSpace(text, i + 1);
  let href: string;
  let j = i;
  if (text[i] === '<') {
    for (j++; text[j] !== '>'; j++) {
      if (j >= text.length || text[j] === '<' || text[j] === '\n') return null;
      if (text[j] === '\\') j++;
    }
    href = text.slice(i + 1, j++);
  } else {
    // Parentheses nest, balanced, as CommonMark allows (up to 32 deep).
    // Only ASCII spaces and controls end it: a no-break space is part of the URL, as in CommonMark.
    for (let depth = 0; j < text.length && !/[\x00-\x20]/.test(text[j]); j++) {
      if (text[j] === '\\' && ESCAPABLE.test(text[j + 1] ?? '')) j++;
      else if (text[j] === '(' && ++depth > 32) return null;
      else if (text[j] === ')' && !depth--) break;
    }
    href = text.slice(i, j);
    const unescaped = href.replace(/\\./g, '');
    if (unescaped.split('(').length !== unescaped.split(')').length) return null;
  }
  let title = '';
  const k = skipSpace(text, j);
  if (k > j && /["'(]/.test(text[k])) {
    const close = text[k] === '(' ? ')' : text[k];
    let t = k + 1;
    for (; text[t] !== close; t++) {
      if (t >= text.length || (close === ')' && text[t] === '(')) return null;
      if (text[t] === '\\') t++;
    }
    title = text.slice(k + 1, t);
    j = skipSpace(text, t + 1);
  } else j = k;
  return text[j] === ')' ? [literal(href), literal(title), j + 1] : null;
}

/** The text of inline content, as an image's alt text is. */
const plainText = (nodes: Inline[]): string =>
  nodes.map((node) => (typeof node === 'string' ? node : node.type === 'code' ? node.text : 'children' in node ? plainText(node.children) : '')).join('');

/** Inline content of a block's `text`, reusing the previous pass's parse of the same text. */
function inlines(text: string, found: Found, cell = false): Inline[] {
  const cacheKey = cell ? '|' + text : text;
  let parsed = found.reuse.get(cacheKey);
  if (!parsed) {
    const refs: string[] = [];
    parsed = [parseInlines(text, refs, false, cell), refs];
  }
  found.parsed.set(cacheKey, parsed);
  found.refs.push(...parsed[1]);
  return parsed[0];
}

/**
 * Inline content of `text`, adding citation keys to `refs`. Inside link text no links or citations
 * start (CommonMark lets an inner link win over the outer one; here the outer one does), and an image
 * is its alt text. In a table cell (`cell`), `<br>` is a line break. `autolinks` finds bare URLs in the text.
 */
function parseInlines(text: string, refs: string[], inLink = false, cell = false, autolinks = !inLink): Inline[] {
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
    let close: number;
    let char: string | null;
    if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
    } else if (ch === '\n' || (ch === '\\' && text[i + 1] === '\n')) {
      plain = plain.replace(/[ \t]+$/, '');
      push(BREAK);
      i += ch === '\n' ? 1 : 2;
    } else if (ch === '`') {
      const end = codeSpanEnd(text, i);
      if (end > 0) {
        const code = text.slice(i + n, end - n).replace(/\n/g, ' ');
        push({type: 'code', text: code[0] === ' ' && /^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code});
        i = end;
      } else {
        plain += text.slice(i, i + n);
        i += n;
      }
    } else if (ch === '*' || ch === '_' || (ch === '~' && n < 3)) {
      const before = text[i - 1] ?? ' ';
      const after = text[i + n] ?? ' ';
      const left = !isBlank(after) && (!punctuation(after) || isBlank(before) || punctuation(before));
      const right = !isBlank(before) && (!punctuation(before) || isBlank(after) || punctuation(after));
      push(ch === '_'
        ? new Run(ch, n, left && (!right || punctuation(before)), right && (!left || punctuation(after)))
        : new Run(ch, n, left, right));
      i += n;
    } else if (ch === '&' && (m = at(ENTITY, i)) && (char = entity(m)) !== null) {
      plain += char;
      i += m[0].length;
    } else if (cell && ch === '<' && (m = at(CELL_BREAK, i))) {
      push(BREAK);
      i += m[0].length;
    } else if ((ch === '[' || (ch === '!' && text[i + 1] === '[')) && (close = closingBracket(text, ch === '!' ? i + 1 : i)) > 0) {
      const image = ch === '!';
      const label = text.slice(image ? i + 2 : i + 1, close);
      const tail = linkTail(text, close + 1);
      const full = at(FULL_REFERENCE, close + 1);
      // Labels match as written, escapes included (CommonMark: `[foo\!]` is not `[foo!]`).
      const key = normalizeKey((full && full[1]) || label);
      // Images become links to their source: a reply can never load a tracking pixel.
      const alt = () => [plainText(nested(() => parseInlines(label, []), [label]))];
      // Links do not nest: a label holding a link makes its brackets text, and the inner link wins.
      const hasInnerLink = !image && INNER_LINK.test(label);
      if (tail && (image || !inLink) && !hasInnerLink) {
        const [href, title, end] = tail;
        if (inLink) push(alt()[0]);
        else push({type: 'link', href, title, children: image ? alt() : parseInlines(label, refs, true, cell)});
        i = end;
      } else if (!inLink && !hasInnerLink && key && (full && full[1] ? true : !/(?<!\\)[[\]]/.test(label))) {
        // Any reference becomes a citation marker; unresolved, it renders as the text it was.
        const numbered = NUMBERED.test(label) ? label.split(',').map(normalizeKey) : null;
        const keys = full && full[1] ? [...(numbered && NUMBERED.test(full[1]) ? numbered : []), key] : numbered ?? [key];
        refs.push(...keys);
        const words = !numbered && label[0] !== '^';
        push({type: 'ref', keys, words, children: image ? alt() : parseInlines(label, refs, true, cell), suffix: full ? unescape(full[0]) : ''});
        i = close + 1 + (full ? full[0].length : 0);
      } else {
        plain += ch;
        i++;
      }
    } else if (!inLink && ch === '<' && (m = at(AUTOLINK, i))) {
      push({type: 'link', href: m[1].includes(':') ? m[1] : 'mailto:' + m[1], title: '', children: [m[1]]});
      i += m[0].length;
    } else {
      // Ordinary characters are taken in one go, up to the next one that may start something.
      const end = i + n + (at(PLAIN, i + n)?.[0].length ?? 0);
      plain += text.slice(i, end);
      i = end;
    }
  }
  if (plain) tokens.push(plain);
  const nodes = resolveEmphasis(tokens);
  return autolinks ? linkify(nodes) : nodes;
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
        (closer.char === '~'
          ? opener.count === closer.count
          : !((opener.close || closer.open) && (opener.length + closer.length) % 3 === 0 && (opener.length % 3 || closer.length % 3)))
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
 * Plain text with its bare URLs, `www.` domains and email addresses as links (GFM's autolink rules:
 * trailing punctuation and unbalanced closing parentheses stay outside; a URL also ends before
 * non-ASCII punctuation, so `…/help。` keeps its full stop).
 */
function linkify(nodes: Inline[]): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    if (typeof node !== 'string') {
      return node.type === 'strong' || node.type === 'em' || node.type === 'del' ? [{...node, children: linkify(node.children)}] : [node];
    }
    const out: Inline[] = [];
    let last = 0;
    for (const m of mayAutolink(node) ? node.matchAll(autolinkLiteral()) : []) {
      let url = m[0];
      let href: string;
      if (/^(?:https?:\/\/|www\.)/.test(url)) {
        while ((url = url.replace(/(?:[?!.,:*_~'"]|&[a-zA-Z\d]+;)+$/, '')).endsWith(')') && url.split(')').length > url.split('(').length) {
          url = url.slice(0, -1);
        }
        if (/_/.test(url.replace(/^https?:\/\//, '').split(/[/?#]/)[0].split('.').slice(-2).join())) continue;
        href = m[1] ? 'http://' + url : url;
      } else {
        url = url.replace(/\.+$/, '');
        if (/[-_]$/.test(url)) continue;
        href = url.startsWith('mailto:') ? url : 'mailto:' + url;
      }
      if (m.index! > last) out.push(node.slice(last, m.index));
      out.push({type: 'link', href, title: '', children: [url]});
      last = m.index! + url.length;
    }
    if (last < node.length) out.push(node.slice(last));
    return out;
  });
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
  #finished = false;

  /** The top-level blocks in order. */
  get blocks(): readonly Block[] {
    return this.#blocks;
  }

  /** The cited sources that have a definition, numbered by first use; a new array only when they change. */
  get citations(): readonly Citation[] {
    return this.#citations;
  }

  /**
   * Marks the message complete: numbered markers still without a definition show as the text they were.
   * Until then they show as pending citations, so a streaming reply does not flash `[1]`.
   */
  finish(): void {
    this.#finished = true;
    this.#updateCitations();
  }

  /** Whether the message is complete: `finish()` was called (a parsed whole text is). */
  get finished(): boolean {
    return this.#finished;
  }

  /** How many of `blocks`, from the first, are final: they keep their identity and content from now on. */
  get completedBlocks(): number {
    return this.#finished ? this.#blocks.length : this.#frozenCount;
  }

  /** Whether `block` (top-level) holds citation markers, so its rendering depends on `citations`. */
  usesCitations(block: Block): boolean {
    return this.#citing.has(block);
  }

  /** Adds streamed text; costs time in proportion to the unfinished tail, not the whole message. */
  append(delta: string): void {
    this.#open += delta.replace(/\r/g, '');
    const lines = this.#open.split('\n');
    if (this.#open.includes('\t')) lines.forEach((line, k) => (lines[k] = expandTabs(line)));
    const last = lines.length - 1;
    const entries: {start: number; block: Block | null; found: Found}[] = [];
    const parsed = new Map<string, Parsed>();
    for (let i = 0; i < lines.length; ) {
      if (isBlank(lines[i])) i++;
      // The line being streamed may be the start of a definition: hidden rather than flashed as text.
      else if (i === last && !definitionAt([lines[i]], 0) && [...'x>"\')'].some((end) => definitionAt([lines[i] + end], 0))) break;
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
        found.definitions.forEach((definition, key) => keepFirst(this.#definitions, key, definition));
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
      found.definitions.forEach((definition, key) => keepFirst(openDefinitions, key, definition));
    }
    const citations: Citation[] = [];
    for (const key of keys) {
      const definition = this.#definitions.get(key) ?? openDefinitions.get(key);
      const number = citations.length + 1;
      if (definition?.note) citations.push({number, key, url: null, label: plainText(definition.note), note: definition.note});
      else if (definition) {
        const url = safeUrl(definition.url);
        citations.push({number, key, url, label: definition.title || definition.url, ...(definition.title ? {title: definition.title} : {})});
      } else if (!this.#finished && PENDING.test(key)) citations.push({number, key, url: null, label: '', pending: true});
    }
    const json = JSON.stringify(citations);
    if (json !== this.#citationsJson) [this.#citations, this.#citationsJson] = [citations, json];
  }
}

/** Parses a whole, finished text at once. */
export function parseMarkdown(text: string): MarkdownDocument {
  const document = new MarkdownDocument();
  document.append(text);
  document.finish();
  return document;
}

/** The same source in a message's one list: the same link, or, without one, the same label (a footnote, a document). */
const sameSource = (a: Citation, b: Citation) => !a.pending && !b.pending && (a.url ? a.url === b.url : !b.url && a.label === b.label);

/** Each part's citations as last numbered across its message, kept while unchanged so renders can skip. */
const numberedAcross = new WeakMap<readonly Citation[], {json: string; citations: readonly Citation[]}>();

/**
 * The citations of a message's text parts (each numbered from 1 by its own document), numbered in one
 * run as the message's one list of sources is: a part citing a source an earlier citation named takes
 * that number, any other source the next one. `each[k]` is part k's, the same array as long as its
 * numbers do not change; `all` has each source once.
 */
export function citationsAcross(parts: readonly (readonly Citation[])[]): {each: readonly (readonly Citation[])[]; all: readonly Citation[]} {
  const all: Citation[] = [];
  const each = parts.map((citations) => {
    const numbered = citations.map((citation) => {
      const earlier = all.find((listed) => sameSource(listed, citation));
      const number = earlier?.number ?? all.length + 1;
      const own = number === citation.number ? citation : {...citation, number};
      if (!earlier) all.push(own);
      return own;
    });
    if (numbered.every((citation, k) => citation === citations[k])) return citations;
    const json = JSON.stringify(numbered);
    const last = numberedAcross.get(citations);
    if (last?.json === json) return last.citations;
    numberedAcross.set(citations, {json, citations: numbered});
    return numbered;
  });
  return {each, all};
}

/**
 * The sources to list under a reply: its citations, then each of `extra` (the stream's source parts)
 * not listed yet, numbered on: a link only to an http(s) URL none of them has; a document, by a title
 * none of the unlinked ones has.
 */
export function sourcesOf(citations: readonly Citation[], extra: readonly Source[] = []): readonly Citation[] {
  if (!extra.length) return citations;
  const list = [...citations];
  for (const {url: href, title} of extra) {
    const url = href === null ? null : httpUrl(href);
    const label = title || url;
    const listed = url ? list.some((c) => c.url === url) : list.some((c) => !c.url && c.label === label);
    if ((href === null || url) && label && !listed) {
      list.push({number: list.length + 1, key: url ?? `document:${label}`, url, label});
    }
  }
  return list;
}
