import {html, nothing, type TemplateResult} from 'lit';
import type {Strings} from '../../internal/strings.js';
import {renderLiveReply, renderMessage, type MessageContext} from './message-view.js';
import {hasText, type Turn} from './turn.js';

export interface TurnViewState {
  i18n: Strings;
  assistantName: string;
  /** The request is in flight (see SendController.sending). */
  sending: boolean;
  /** No reply comes from the assistant while a human agent handles the conversation: nothing says it is thinking. */
  humanHandled: boolean;
  /** Seconds until a rate-limited send is tried again; 0: none is due. */
  retryIn: number;
  errorText(error: unknown): string;
  onRetry(): void;
  /** Gives up on a message the server never got. */
  onDismiss(): void;
}

/**
 * The reply on its way, outside the log until it is complete, so it is announced once, whole;
 * and, when the attempt failed, why (one line: the reply itself is not marked again), with Retry.
 */
export function renderTurn(turn: Turn, {i18n, assistantName, sending, humanHandled, retryIn, errorText, onRetry, onDismiss}: TurnViewState): TemplateResult {
  const thinking = sending && !hasText(turn.reply.parts) && !humanHandled;
  return html`
    ${hasText(turn.reply.parts) || thinking
      ? html`<div part="message assistant ${sending ? 'streaming' : 'failed'}" class="message assistant" aria-busy=${sending}>
          <span class="sender">${assistantName}</span>
          <div part="bubble" class="bubble">${renderLiveReply(turn, sending, i18n)}</div>
        </div>`
      : nothing}
    ${turn.phase === 'failed'
      ? html`<div part="error" class="error">
          <p role="alert">${errorText(turn.error)}</p>
          ${retryIn ? html`<p>${i18n.retryIn(retryIn)}</p>` : nothing}
          <button @click=${onRetry}>${i18n.retry}</button>
          ${turn.announcedSent ? nothing : html`<button @click=${onDismiss}>${i18n.dismiss}</button>`}
        </div>`
      : nothing}
  `;
}

/**
 * A message the server never got, set aside when the visitor sent another: it stays, marked
 * "Not sent", below the conversation with its own Try again (while nothing else is on its way) and Dismiss.
 */
export function renderUnsent(turn: Turn, context: MessageContext, sending: boolean, onRetry: () => void, onDismiss: () => void): TemplateResult {
  const {i18n} = context;
  return html`<div class="unsent">
    ${renderMessage(turn.user, context)}
    <div class="unsent-actions">
      <button ?disabled=${sending} @click=${onRetry}>${i18n.retry}</button>
      <button @click=${onDismiss}>${i18n.dismiss}</button>
    </div>
  </div>`;
}
