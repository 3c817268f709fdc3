import {html, nothing, svg, type TemplateResult} from 'lit';
import type {Feedback, Message, MessagePart} from '../../api/types.js';
import {citationsAcross, parseMarkdown, sourcesOf, type Citation, type MarkdownDocument, type Source} from '../../internal/markdown.js';
import {copyWithFeedback} from '../../internal/copy-feedback.js';
import {renderMarkdown, renderSources, type MarkdownOptions} from '../../internal/markdown-render.js';
import {httpUrl, safeUrl} from '../../internal/safe-url.js';
import {copyIcon, icon} from '../../internal/icons.js';
import {intlFormatter, intlStarted} from '../../internal/relative-time.js';
import type {Strings} from '../../internal/strings.js';
import {hasText, isLocal, textOf, type Turn} from './turn.js';

/** What rendering a message needs besides the message. */
export interface MessageContext {
  i18n: Strings;
  locale: string | undefined;
  assistantName: string;
  /** The visitor stopped this reply in this view: it reads "Stopped", not as a failure. */
  stopped(message: Message): boolean;
  onFeedback(message: Message, feedback: NonNullable<Feedback>): void;
}

const likeIcon = icon(svg`<path d="M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2l-2 8a2 2 0 0 1-2 2H7"/>`);
const dislikeIcon = icon(svg`<path d="M17 14V3h4v11zM17 14l-4 8a3 3 0 0 1-3-3v-4H4a2 2 0 0 1-2-2l2-8a2 2 0 0 1 2-2h11"/>`);

/** Parsed text parts; stored messages are immutable, so a part is parsed once. */
const parsed = new WeakMap<MessagePart, MarkdownDocument>();

function documentOf(part: MessagePart & {text: string}): MarkdownDocument {
  let doc = parsed.get(part);
  if (!doc) parsed.set(part, (doc = parseMarkdown(part.text)));
  return doc;
}

const markdownOptions = (i18n: Strings, sources?: false, citations?: readonly Citation[]): MarkdownOptions => ({
  copyLabel: i18n.copyCode,
  copiedLabel: i18n.copied,
  sourcesLabel: i18n.sources,
  citationLabel: i18n.source,
  sources,
  citations,
});

/**
 * Markdown (assistant and agent text, the welcome message), never parsed as HTML. `sources: false`
 * leaves its list of sources to the message it is part of, and `citations` are its numbers there.
 */
export function markdownView(markdown: string | MarkdownDocument, i18n: Strings, sources?: false, citations?: readonly Citation[]): TemplateResult {
  const doc = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  return html`<div class="markdown">${renderMarkdown(doc, markdownOptions(i18n, sources, citations))}</div>`;
}

/** The sources a reply's stream named besides its text: `source-url` and `source-document` parts. */
function streamSources(parts: readonly MessagePart[]): Source[] {
  return (parts as readonly Record<string, unknown>[]).flatMap((part): Source[] =>
    part.type === 'source-url' && typeof part.url === 'string'
      ? [{url: part.url, title: typeof part.title === 'string' ? part.title : undefined}]
      : part.type === 'source-document'
        ? [{url: null, title: String(part.title || part.filename || '')}]
        : []);
}

const TODAY: Intl.DateTimeFormatOptions = {timeStyle: 'short'};

/**
 * "14:05" today, with the date on other days; empty until the page has started ICU (intlStarted):
 * the times follow the first paint instead of delaying it (shortTimeFormatter).
 */
function shortTime(iso: string, locale: string | undefined): string {
  if (!intlStarted()) return '';
  const date = new Date(iso);
  const options = date.toDateString() === new Date().toDateString() ? TODAY : {...TODAY, dateStyle: 'medium'};
  return intlFormatter(Intl.DateTimeFormat, locale, options).format(date);
}

/** The formatter shortTime() uses today, for `locale` (built in idle time by the log: idleFormatter). */
export const shortTimeFormatter = (locale: string | undefined): Intl.DateTimeFormat => intlFormatter(Intl.DateTimeFormat, locale, TODAY);

/**
 * A `tool-action_display-link` part as a link button, from its output or, while the call runs, its
 * input; nothing unless it has a label and a safe URL, or when the call failed.
 */
function linkButton(part: Record<string, unknown>): unknown {
  const {buttonLabel, href, buttonVariant} = (part.state === 'output-error' ? {} : part.output ?? part.input ?? {}) as Record<string, unknown>;
  const url = typeof href === 'string' ? safeUrl(href) : null;
  if (!url || typeof buttonLabel !== 'string' || !buttonLabel) return nothing;
  return html`<a part="link-button" class="link-button" data-variant=${String(buttonVariant ?? 'default')} href=${url}
    target="_blank" rel="noopener noreferrer">${buttonLabel}</a>`;
}

/**
 * A message's parts in order, each text part its own block, then the sources of all of them. Only
 * text and link actions are shown: unknown parts and other tools' calls are never shown raw.
 */
function renderParts(parts: readonly MessagePart[], role: Message['role'], i18n: Strings, live?: Turn): unknown {
  // The visitor's own words are shown as typed; only assistant and agent text is markdown.
  const markdown = role !== 'user';
  // A streaming part is parsed by its turn, delta by delta; only finished messages are parsed whole.
  const docs = parts.map((part) => (markdown && part.type === 'text' && typeof part.text === 'string'
    ? live ? live.documentOf(part) : documentOf(part as MessagePart & {text: string})
    : null));
  const {each, all} = citationsAcross(docs.filter((doc) => doc !== null).map((doc) => doc.citations));
  let text = 0;
  const shown = parts.map((part, k) => {
    const doc = docs[k];
    if (doc) return markdownView(doc, i18n, false, each[text++]);
    if (part.type === 'text' && typeof part.text === 'string') return html`<p class="plain">${part.text}</p>`;
    return part.type === 'tool-action_display-link' ? linkButton(part) : nothing;
  });
  const sources = renderSources(sourcesOf(all, streamSources(parts)), all, markdownOptions(i18n, false));
  // In a markdown block of its own, styled as the list under a single text was.
  return [shown, sources === nothing ? nothing : html`<div class="markdown">${sources}</div>`];
}

/** A tool call still running (its input streaming in, or waiting for its output). */
const isBusyTool = (part: MessagePart | undefined): boolean =>
  Boolean(part && /^(tool-|dynamic-tool$)/.test(part.type) && /^input-/.test(String((part as Record<string, unknown>).state)));

/**
 * A reply as it streams in: its parts so far, and while `working`, a sign that it is still at work
 * before its first words and whenever it waits on a tool.
 */
export function renderLiveReply(turn: Turn, working: boolean, i18n: Strings): unknown {
  const {parts} = turn.reply;
  const last = parts.filter((part) => part.type !== 'step-start').pop();
  return [
    renderParts(parts, 'assistant', i18n, turn),
    working && (!hasText(parts) || isBusyTool(last)) ? html`<span class="thinking">${i18n.thinking}</span>` : nothing,
  ];
}

/** "SR" for Sam Rivera: the first letters of the first and last words. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return [...new Set([words[0], words.at(-1)!])].map((word) => [...word][0] ?? '').join('').toUpperCase();
}

/** A human agent's picture, or their initials where they have none (nothing for an agent without a name). */
function agentAvatar(message: Message): unknown {
  const {name, image} = message.humanAgent ?? {name: null, image: null};
  const url = httpUrl(image);
  if (url) return html`<img part="avatar" class="avatar" src=${url} alt="" width="24" height="24" />`;
  return name?.trim() ? html`<span part="avatar" class="avatar" aria-hidden="true">${initials(name)}</span>` : nothing;
}

const senderOf = (message: Message, {i18n, assistantName}: MessageContext): string =>
  message.role === 'user' ? i18n.you : message.role === 'assistant' ? assistantName : message.humanAgent?.name || i18n.humanAgent;

/**
 * A message: who wrote it, its text and actions, when; `failed` marks the visitor's unsent one.
 * `key`: a message of the history, laid out only near the view (see renderDeferred); not live, so
 * that a screen reader does not read it out when its full rendering replaces the deferred one.
 * `opening`: one of the newest at the conversation's first render, always laid out (see DeferredMessages).
 */
export function renderMessage(message: Message, context: MessageContext, key?: string, opening = false): TemplateResult {
  const {i18n, locale} = context;
  const {role, status} = message;
  const sender = senderOf(message, context);
  const stopped = role === 'assistant' && context.stopped(message);
  const failed = status === 'error' && !stopped;
  return html`<div part="message ${role}${failed ? ' failed' : ''}" class="message ${role}" data-key=${key ?? nothing} data-opening=${opening ? '' : nothing} aria-live=${key ? 'off' : nothing}>
    ${role === 'human_agent'
      ? html`<div class="byline">${agentAvatar(message)}<span class="sender">${sender}</span></div>`
      : html`<span class=${role === 'user' ? 'sender visually-hidden' : 'sender'}>${sender}</span>`}
    <div part="bubble" class="bubble">${renderParts(message.parts, role, i18n)}</div>
    <div class="meta">
      <time datetime=${message.createdAt}>${shortTime(message.createdAt, locale)}</time>
      ${failed ? html`<span class="failed">${role === 'user' ? i18n.notSent : i18n.replyIncomplete}</span>` : nothing}
      ${stopped ? html`<span>${i18n.stopped}</span>` : nothing}
    </div>
    ${role === 'assistant' && status !== 'streaming' ? renderActions(message, context) : nothing}
  </div>`;
}

/** Markdown's marks a finished message's words lose in the DOM until it is rendered in full (renderDeferred). */
const MARKS: ReadonlyArray<readonly [RegExp, string]> = [
  // Fence lines and link definitions (the sources list them once rendered).
  [/^ {0,3}(?:`{3,}|~{3,}|\[[^\]]+\]:).*$/gm, ''],
  // Headings, quotes and list markers at the start of a line.
  [/^[ \t>]*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/gm, ''],
  // [words](url) and [words][key]: the words.
  [/!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1'],
  // Strong, emphasis with stars, strikethrough, code spans.
  [/(\*\*|__|~~|\*|`+)(?=\S)([^]*?\S)\1/g, '$2'],
];
const deferredWords = new WeakMap<Message, string>();

function wordsOf(message: Message): string {
  let words = deferredWords.get(message);
  if (words === undefined) {
    const text = textOf(message);
    words = message.role === 'user' ? text : MARKS.reduce((words, [mark, kept]) => words.replace(mark, kept), text);
    deferredWords.set(message, words);
  }
  return words;
}

/**
 * A finished message of the history before it comes near the view: who wrote it and its words, in
 * the DOM and the accessibility tree for find-in-page and screen readers, without markdown, time
 * or actions. Cheap: 200 messages are mostly this. The log renders it in full (renderMessage with
 * the same `key`) once it comes within a view's height of the view.
 */
export function renderDeferred(message: Message, key: string, context: MessageContext): TemplateResult {
  const {role} = message;
  return html`<div part="message ${role}" class="message ${role}" data-key=${key} aria-live="off"><span class=${role === 'user' ? 'sender visually-hidden' : 'sender'}>${senderOf(message, context)}</span><div part="bubble" class="bubble"><p class="plain">${wordsOf(message)}</p></div></div>`;
}

function renderActions(message: Message, {i18n, onFeedback}: MessageContext): TemplateResult {
  // Feedback needs the stored id: until the re-read brings it, the buttons wait, disabled.
  const feedbackButton = (value: NonNullable<Feedback>, label: string, glyph: TemplateResult) =>
    html`<button part="feedback-button" class="icon-button" aria-pressed=${message.feedback === value} ?disabled=${isLocal(message)}
      title=${label} @click=${() => onFeedback(message, value)}>${glyph}<span class="visually-hidden">${label}</span></button>`;
  return html`<div part="actions" class="actions">
    ${feedbackButton('like', i18n.like, likeIcon)} ${feedbackButton('dislike', i18n.dislike, dislikeIcon)}
    <button part="copy-button" class="icon-button" title=${i18n.copy}
      @click=${(event: Event) => copyWithFeedback((event.currentTarget as HTMLElement).querySelector('span')!, textOf(message), i18n.copy, i18n.copied)}>
      ${copyIcon}<span class="visually-hidden" .textContent=${i18n.copy}></span>
    </button>
  </div>`;
}
