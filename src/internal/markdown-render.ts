/**
 * Renders a parsed markdown message through Lit templates only: text goes through bindings and URLs
 * through `safeUrl`, so untrusted markdown can never create markup, scripts or inline styles.
 */
import {html, nothing, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {copyWithFeedback} from './copy-feedback.js';
import {sourcesOf, type Block, type Citation, type Inline, type MarkdownDocument, type Source} from './markdown.js';
import {safeUrl} from './safe-url.js';
import {copyIcon} from './icons.js';
import {refreshElements} from './strings.js';

/** Visitor-facing labels of rendered markdown. */
export interface MarkdownOptions {
  /** Text of each code block's copy button. */
  copyLabel: string;
  /** Shown on the copy button for a moment after copying. */
  copiedLabel: string;
  /** Heading above the list of sources; no heading when absent. */
  sourcesLabel?: string;
  /** Word before a citation's number in its accessible name ("Source 1: Label"); default "Source". */
  citationLabel?: string;
  /**
   * Sources the stream named besides the markdown's citations, listed after them without duplicates;
   * `false`: no list after the text (a message lists its text parts' sources together: renderSources).
   */
  sources?: readonly Source[] | false;
  /** The document's citations as the message it is part of numbers them (citationsAcross); default its own. */
  citations?: readonly Citation[];
}

/** Highlighted code as data: text, or a token of one type (a class name) around its own tokens. */
export type CodeToken = string | {type: string; children: CodeToken[]};

/** What the highlighting add-on (`dist/highlight.js`) registers: tokens for a language it knows, and their colours. */
export interface Highlighter {
  /** Tokens of `code` in `lang` (a fence's first word), or null for a language it does not know. */
  highlight(code: string, lang: string): CodeToken[] | null;
  /** The token colours, adopted by each element that renders markdown. */
  styles: CSSStyleSheet;
}

let highlighter: Highlighter | undefined;

/**
 * Highlights code blocks from now on and re-renders every connected element. The add-on calls it;
 * without it, code blocks stay plain text.
 */
export function registerHighlighter(added: Highlighter): void {
  highlighter = added;
  refreshElements();
}

/** Adds the highlighter's token colours to `root` once one is registered. */
export function adoptCodeStyles(root: ShadowRoot): void {
  const sheet = highlighter?.styles;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Tokens only ever become elements with a class, their text through bindings: no markup from the highlighter. */
const renderToken = (token: CodeToken): unknown =>
  typeof token === 'string' ? token : html`<span class=${token.type}>${token.children.map(renderToken)}</span>`;

const HEADINGS = [
  (content: unknown) => html`<h1>${content}</h1>`,
  (content: unknown) => html`<h2>${content}</h2>`,
  (content: unknown) => html`<h3>${content}</h3>`,
  (content: unknown) => html`<h4>${content}</h4>`,
  (content: unknown) => html`<h5>${content}</h5>`,
  (content: unknown) => html`<h6>${content}</h6>`,
];

/**
 * `doc` as semantic HTML, then its sources when it cites any. Unchanged top-level blocks are skipped
 * (`guard` by identity); blocks with citation markers re-render only when the citations change.
 * While `doc` streams, its blocks come in groups (see groupsOf), so a chunk touches only the open group.
 * Lists, quotes and tables take their direction from their own text (`dir="auto"`), so an English
 * list on an Arabic page has its bullets on the left; paragraphs do the same in the styles.
 */
export function renderMarkdown(doc: MarkdownDocument, options: MarkdownOptions): TemplateResult {
  const citations = options.citations ?? doc.citations;
  const {copyLabel, copiedLabel, citationLabel} = options;
  const {blocks} = doc;
  // A block still streaming (the last of an unfinished reply) stays plain: each block is highlighted
  // once it is complete, never again on every chunk.
  const last = blocks[blocks.length - 1];
  const renderTop = (block: Block) => {
    const highlight = !!highlighter && (doc.finished || block !== last);
    return guard([block, doc.usesCitations(block) && citations, copyLabel, copiedLabel, citationLabel, highlight && highlighter], () =>
      renderBlock(block, citations, options, highlight));
  };
  const sources = options.sources === false ? nothing : renderSources(sourcesOf(citations, options.sources), citations, options);
  if (doc.finished) return html`${blocks.map(renderTop)}${sources}`;
  const closed = groupsOf(doc);
  const open = closed[closed.length - 1]?.end ?? 0;
  // One template for a group open or closed: when the open group closes, its DOM stays as it is.
  const group = (start: number, end: number, skippable: boolean) =>
    html`<div class="group${skippable ? ' closed' : ''}${start && blocks[start].type === 'heading' ? ' heading-start' : ''}">${blocks.slice(start, end).map(renderTop)}</div>`;
  return html`${[
    // The newest closed group stays laid out until the next one closes: the browser has remembered
    // its height without the blocks that went on to the open group, for when it is skipped out of view.
    ...closed.map(({start, end, cites}, k) => {
      const skippable = k < closed.length - 1;
      return guard([blocks[start], skippable, cites && citations, copyLabel, copiedLabel, citationLabel, highlighter], () => group(start, end, skippable));
    }),
    group(open, blocks.length, false),
  ]}${sources}`;
}

/** Completed blocks a closed group holds at least: a chunk re-renders the open group, so it stays short. */
const GROUP_BLOCKS = 16;
/**
 * Blocks whose margins are their own (no child's margin collapses through them), where a group may
 * end and the next start: the styles move those two margins onto the groups, so spacing is as without groups.
 */
const OWN_MARGINS = new Set<Block['type']>(['paragraph', 'heading', 'code', 'table']);

interface Group {
  start: number;
  end: number;
  /** A block in it holds citation markers. */
  cites: boolean;
}

/** The closed groups of each streaming document, and how far its blocks were looked at for the next one. */
const grouping = new WeakMap<MarkdownDocument, {closed: Group[]; scanned: number}>();

/**
 * The closed groups of a streaming `doc`: runs of at least GROUP_BLOCKS completed blocks, which never
 * change again, so each renders once and the styles let the browser skip laying out and painting it
 * out of view. Each call looks only at blocks completed since the last one.
 */
function groupsOf(doc: MarkdownDocument): readonly Group[] {
  let state = grouping.get(doc);
  if (!state) grouping.set(doc, (state = {closed: [], scanned: 0}));
  const {closed} = state;
  const {blocks, completedBlocks} = doc;
  let start = closed[closed.length - 1]?.end ?? 0;
  for (let end = Math.max(state.scanned, start + GROUP_BLOCKS); end < completedBlocks; end++) {
    if (OWN_MARGINS.has(blocks[end - 1].type) && OWN_MARGINS.has(blocks[end].type)) {
      closed.push({start, end, cites: blocks.slice(start, end).some((block) => doc.usesCitations(block))});
      start = end;
      end = start + GROUP_BLOCKS - 1;
    }
    state.scanned = end + 1;
  }
  return closed;
}

/**
 * A numbered list of sources under its heading; nothing when none is listed yet (a pending citation
 * keeps its number in the text but waits for its definition). `citations` resolve references inside
 * a footnote's text. A source without a safe URL is not a link.
 */
export function renderSources(sources: readonly Citation[], citations: readonly Citation[], options: MarkdownOptions): unknown {
  const listed = sources.filter((citation) => !citation.pending);
  return listed.length
    ? html`${options.sourcesLabel ? html`<p class="sources-label" part="sources-label">${options.sourcesLabel}</p>` : nothing}<ol class="sources" part="sources" dir="auto">${listed.map((citation) =>
          html`<li value=${citation.number}>${citation.note
            ? citation.note.map((node) => renderInline(node, citations, options))
            : citation.url ? html`<a href=${citation.url} target="_blank" rel="noopener noreferrer">${citation.label}</a>` : citation.label}</li>`)}</ol>`
    : nothing;
}

function renderBlock(block: Block, citations: readonly Citation[], options: MarkdownOptions, highlight: boolean): TemplateResult {
  const blocks = (children: Block[]) => children.map((child) => renderBlock(child, citations, options, highlight));
  const inlines = (nodes: Inline[]) => nodes.map((node) => renderInline(node, citations, options));
  switch (block.type) {
    case 'paragraph':
      return html`<p>${inlines(block.children)}</p>`;
    case 'heading':
      return HEADINGS[block.level - 1](inlines(block.children));
    case 'code': {
      // The label is the info string's first word; the highlighter sees the same word.
      const lang = block.lang.split(/\s/)[0];
      const tokens = highlight && lang ? highlighter!.highlight(block.text, lang) : null;
      // The header row is there from the fence's first line, so nothing moves as the code streams in.
      // A scrolling box is a keyboard stop of its own, so a keyboard can scroll it too (WebKit gives none).
      return html`<div class="code-block" part="code-block"><div class="code-header"><span class="code-language" part="code-language">${lang}</span><button type="button" part="copy-button" class="icon-button" title=${options.copyLabel} @click=${(event: Event) => copyWithFeedback((event.currentTarget as HTMLElement).querySelector('span')!, block.text, options.copyLabel, options.copiedLabel)}>${copyIcon}<span class="visually-hidden" .textContent=${options.copyLabel}></span></button></div><pre tabindex="0"><code class=${lang ? `language-${lang}` : nothing}>${tokens ? tokens.map(renderToken) : block.text}</code></pre></div>`;
    }
    case 'quote':
      return html`<blockquote dir="auto">${blocks(block.children)}</blockquote>`;
    case 'list': {
      // A tight list's paragraphs have no <p>, as CommonMark renders them.
      const items = block.items.map((children) =>
        html`<li>${children.map((child) => (block.tight && child.type === 'paragraph' ? inlines(child.children) : renderBlock(child, citations, options, highlight)))}</li>`);
      return block.start === null
        ? html`<ul dir="auto">${items}</ul>`
        : html`<ol dir="auto" start=${block.start === 1 ? nothing : block.start}>${items}</ol>`;
    }
    case 'table': {
      const align = (k: number) => block.align[k] ?? nothing;
      // The wrapper scrolls a wide table sideways inside the bubble; the page never does.
      return html`<div class="table-scroll" tabindex="0"><table dir="auto"><thead><tr>${block.head.map((cell, k) => html`<th data-align=${align(k)}>${inlines(cell)}</th>`)}</tr></thead>${
        block.rows.length
          ? html`<tbody>${block.rows.map((row) => html`<tr>${row.map((cell, k) => html`<td data-align=${align(k)}>${inlines(cell)}</td>`)}</tr>`)}</tbody>`
          : nothing}</table></div>`;
    }
    case 'rule':
      return html`<hr>`;
  }
}

function renderInline(node: Inline, citations: readonly Citation[], options: MarkdownOptions): unknown {
  if (typeof node === 'string') return node;
  const children = 'children' in node ? node.children.map((child) => renderInline(child, citations, options)) : [];
  switch (node.type) {
    case 'strong':
      return html`<strong>${children}</strong>`;
    case 'em':
      return html`<em>${children}</em>`;
    case 'del':
      return html`<del>${children}</del>`;
    case 'code':
      return html`<code>${node.text}</code>`;
    case 'break':
      return html`<br>`;
    case 'link': {
      const href = safeUrl(node.href);
      return href
        ? html`<a href=${href} title=${node.title || nothing} target="_blank" rel="noopener noreferrer">${children.length ? children : node.href}</a>`
        : children;
    }
    case 'task':
      // Named by its item's text; the checkbox itself says whether it is done.
      return html`<input type="checkbox" disabled ?checked=${node.checked} aria-label=${node.label}>`;
    case 'ref': {
      const cited = node.keys.map((key) => citations.find((c) => c.key === key)).filter((c): c is Citation => !!c);
      if (!cited.length) return ['[', children, ']', node.suffix];
      const chips = cited.map(({number, url, label}) =>
        url
          ? html`<a class="citation" part="citation" href=${url} target="_blank" rel="noopener noreferrer" aria-label="${options.citationLabel ?? 'Source'} ${number}: ${label}">${number}</a>`
          : html`<span class="citation" part="citation">${number}</span>`);
      // `[Label][1]` and `[Label]` are part of the sentence: their words link to the source, then the chip.
      const [{url, title}] = cited;
      if (!node.words) return chips;
      return [url ? html`<a href=${url} title=${title ?? nothing} target="_blank" rel="noopener noreferrer">${children}</a>` : children, chips];
    }
  }
}
