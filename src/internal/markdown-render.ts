/**
 * Renders a parsed markdown message through Lit templates only: text goes through bindings and URLs
 * through `safeUrl`, so untrusted markdown can never create markup, scripts or inline styles.
 */
import {html, nothing, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {copyWithFeedback} from './copy-feedback.js';
import type {Block, Citation, Inline, MarkdownDocument} from './markdown.js';
import {safeUrl} from './safe-url.js';

/** Visitor-facing labels of rendered markdown. */
export interface MarkdownOptions {
  /** Text of each code block's copy button. */
  copyLabel: string;
  /** Shown on the copy button for a moment after copying. */
  copiedLabel: string;
  /** Heading above the list of sources; no heading when absent. */
  sourcesLabel?: string;
  /** `false`: no list of sources after the text (a message lists its text parts' sources together). */
  sources?: boolean;
  /** Word before a citation's number in its accessible name ("Source 1: Label"); default "Source". */
  citationLabel?: string;
}

const LANGUAGE = /^[\w-]+$/;
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
 * Lists, quotes and tables take their direction from their own text (`dir="auto"`), so an English
 * list on an Arabic page has its bullets on the left; paragraphs do the same in the styles.
 */
export function renderMarkdown(doc: MarkdownDocument, options: MarkdownOptions): TemplateResult {
  const {citations} = doc;
  const {copyLabel, copiedLabel, sourcesLabel} = options;
  return html`${doc.blocks.map((block) =>
    guard([block, doc.usesCitations(block) && citations, copyLabel, copiedLabel, options.citationLabel], () =>
      renderBlock(block, citations, options)))}${options.sources === false ? nothing : renderSources(citations, sourcesLabel)}`;
}

/** A numbered list of sources under its heading; nothing when there are none. A source without a safe URL is not a link. */
export function renderSources(sources: readonly Pick<Citation, 'url' | 'label'>[], label?: string): unknown {
  return sources.length
    ? html`${label ? html`<p class="sources-label" part="sources-label">${label}</p>` : nothing}<ol class="sources" part="sources" dir="auto">${sources.map((source) =>
          html`<li>${source.url ? html`<a href=${source.url} target="_blank" rel="noopener noreferrer">${source.label}</a>` : source.label}</li>`)}</ol>`
    : nothing;
}

function renderBlock(block: Block, citations: readonly Citation[], options: MarkdownOptions): TemplateResult {
  const blocks = (children: Block[]) => children.map((child) => renderBlock(child, citations, options));
  const inlines = (nodes: Inline[]) => nodes.map((node) => renderInline(node, citations, options));
  switch (block.type) {
    case 'paragraph':
      return html`<p>${inlines(block.children)}</p>`;
    case 'heading':
      return HEADINGS[block.level - 1](inlines(block.children));
    case 'code':
      return html`<div class="code-block"><pre><code class=${LANGUAGE.test(block.lang) ? `language-${block.lang}` : nothing}>${block.text}</code></pre><button type="button" part="copy-button" .textContent=${options.copyLabel} @click=${(event: Event) => copyWithFeedback(event.currentTarget as HTMLButtonElement, block.text, options.copyLabel, options.copiedLabel)}></button></div>`;
    case 'quote':
      return html`<blockquote dir="auto">${blocks(block.children)}</blockquote>`;
    case 'list': {
      // Lists render tight: an item's leading paragraph has no <p>.
      const items = block.items.map(([first, ...rest]) =>
        html`<li>${first?.type === 'paragraph' ? inlines(first.children) : first && renderBlock(first, citations, options)}${blocks(rest)}</li>`);
      return block.start === null
        ? html`<ul dir="auto">${items}</ul>`
        : html`<ol dir="auto" start=${block.start === 1 ? nothing : block.start}>${items}</ol>`;
    }
    case 'table': {
      const align = (k: number) => block.align[k] ?? nothing;
      return html`<table dir="auto"><thead><tr>${block.head.map((cell, k) => html`<th data-align=${align(k)}>${inlines(cell)}</th>`)}</tr></thead>${
        block.rows.length
          ? html`<tbody>${block.rows.map((row) => html`<tr>${row.map((cell, k) => html`<td data-align=${align(k)}>${inlines(cell)}</td>`)}</tr>`)}</tbody>`
          : nothing}</table>`;
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
        ? html`<a href=${href} title=${node.title || nothing} target="_blank" rel="noopener noreferrer">${children}</a>`
        : children;
    }
    case 'ref': {
      const citation = citations.find((c) => c.key === node.key);
      if (!citation) return ['[', children, ']', node.suffix];
      const {number, url} = citation;
      const chip = url
        ? html`<a class="citation" part="citation" href=${url} target="_blank" rel="noopener noreferrer" aria-label="${options.citationLabel ?? 'Source'} ${number}: ${citation.label}">${number}</a>`
        : html`<span class="citation" part="citation">${number}</span>`;
      // `[Label][1]` is part of the sentence: keep its words and add the chip; a bare `[1]` is only the chip.
      return node.suffix ? [children, chip] : chip;
    }
  }
}
