import {html, nothing, svg, type TemplateResult} from 'lit';
import type {Feedback, Message, MessagePart} from '../../api/types.js';
import {parseMarkdown, type MarkdownDocument} from '../../internal/markdown.js';
import {renderMarkdown} from '../../internal/markdown-render.js';
import {safeUrl} from '../../internal/safe-url.js';
import {copyIcon, icon} from '../../internal/icons.js';
import {intlFormatter} from '../../internal/relative-time.js';
import type {Strings} from '../../internal/strings.js';
import {isLocal} from './turn.js';

/** What rendering a message needs besides the message. */
export interface MessageContext {
  i18n: Strings;
  locale: string | undefined;
  assistantName: string;
  /** The message whose Copy button just worked. */
  copiedId: string | null;
  onFeedback(message: Message, feedback: NonNullable<Feedback>): void;
  onCopy(message: Message): void;
}

const likeIcon = icon(svg`<path d="M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2l-2 8a2 2 0 0 1-2 2H7"/>`);
const dislikeIcon = icon(svg`<path d="M17 14V3h4v11zM17 14l-4 8a3 3 0 0 1-3-3v-4H4a2 2 0 0 1-2-2l2-8a2 2 0 0 1 2-2h11"/>`);

/** Parsed text parts; messages are immutable, so a part is parsed once. */
const parsed = new WeakMap<MessagePart, MarkdownDocument>();

/** Markdown (assistant and agent text, the welcome message, a streaming reply), never parsed as HTML. */
export function markdownView(markdown: string | MarkdownDocument, i18n: Strings): TemplateResult {
  const doc = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  return html`<div class="markdown">${renderMarkdown(doc, {
    copyLabel: i18n.copyCode,
    copiedLabel: i18n.copied,
    sourcesLabel: i18n.sources,
    citationLabel: i18n.source,
  })}</div>`;
}

/** "14:05" today, with the date on other days. */
function shortTime(iso: string, locale: string | undefined): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions =
    date.toDateString() === new Date().toDateString() ? {timeStyle: 'short'} : {dateStyle: 'medium', timeStyle: 'short'};
  return intlFormatter(Intl.DateTimeFormat, locale, options).format(date);
}

/** A `tool-action_display-link` part as a link button; nothing unless it has a label and a safe URL. */
function linkButton(output: unknown): unknown {
  const {buttonLabel, href, buttonVariant} = (output ?? {}) as Record<string, unknown>;
  const url = typeof href === 'string' ? safeUrl(href) : null;
  if (!url || typeof buttonLabel !== 'string' || !buttonLabel) return nothing;
  return html`<a part="link-button" class="link-button" data-variant=${String(buttonVariant ?? 'default')} href=${url}
    target="_blank" rel="noopener noreferrer">${buttonLabel}</a>`;
}

function renderPart(part: MessagePart, role: Message['role'], i18n: Strings): unknown {
  if (part.type === 'text' && typeof part.text === 'string') {
    // The visitor's own words are shown as typed; only assistant and agent text is markdown.
    if (role === 'user') return html`<p class="plain">${part.text}</p>`;
    let doc = parsed.get(part);
    if (!doc) parsed.set(part, (doc = parseMarkdown(part.text)));
    return markdownView(doc, i18n);
  }
  if (part.type === 'tool-action_display-link') return linkButton((part as {output?: unknown}).output);
  return nothing; // Unknown part types are never shown raw.
}

/** A message: who wrote it, its text and actions, when; `failed` marks the visitor's unsent one. */
export function renderMessage(message: Message, context: MessageContext): TemplateResult {
  const {i18n, locale} = context;
  const {role, status} = message;
  const sender =
    role === 'user' ? i18n.you : role === 'assistant' ? context.assistantName : message.humanAgent?.name || i18n.humanAgent;
  const failed = status === 'error';
  return html`<div part="message ${role}${failed ? ' failed' : ''}" class="message ${role}">
    <span class=${role === 'user' ? 'sender visually-hidden' : 'sender'}>${sender}</span>
    <div part="bubble" class="bubble">${message.parts.map((part) => renderPart(part, role, i18n))}</div>
    <div class="meta">
      <time datetime=${message.createdAt}>${shortTime(message.createdAt, locale)}</time>
      ${failed ? html`<span class="failed">${role === 'user' ? i18n.notSent : i18n.replyIncomplete}</span>` : nothing}
    </div>
    ${role === 'assistant' && status !== 'streaming' ? renderActions(message, context) : nothing}
  </div>`;
}

function renderActions(message: Message, {i18n, copiedId, onFeedback, onCopy}: MessageContext): TemplateResult {
  // Feedback needs the stored id: until the re-read brings it, the buttons wait, disabled.
  const feedbackButton = (value: NonNullable<Feedback>, label: string, glyph: TemplateResult) =>
    html`<button part="feedback-button" class="icon-button" aria-pressed=${message.feedback === value} ?disabled=${isLocal(message)}
      title=${label} @click=${() => onFeedback(message, value)}>${glyph}<span class="visually-hidden">${label}</span></button>`;
  const copied = copiedId === message.id;
  return html`<div part="actions" class="actions">
    ${feedbackButton('like', i18n.like, likeIcon)} ${feedbackButton('dislike', i18n.dislike, dislikeIcon)}
    <button part="copy-button" class="icon-button" title=${i18n.copy} @click=${() => onCopy(message)}>
      ${copyIcon}<span class=${copied ? '' : 'visually-hidden'}>${copied ? i18n.copied : i18n.copy}</span>
    </button>
  </div>`;
}
