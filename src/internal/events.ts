import type {Conversation, ConversationSummary, Message} from '../api/types.js';
import type {ErrorCode} from '../api/errors.js';

export interface ConversationSelectDetail {
  conversationId: string;
  conversation: ConversationSummary;
}
export interface ConversationDetail {
  conversation: Conversation;
}
export interface ConversationIdDetail {
  conversationId: string;
}
export interface MessageSentDetail {
  conversationId: string;
  content: string;
}
export interface MessageReceivedDetail {
  conversationId: string;
  /** The stored message when the server already returned it, else null (the text is in `text`). */
  message: Message | null;
  text: string;
}
export interface ErrorDetail {
  code: ErrorCode;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  message: string;
  /** Seconds until a retry is sensible, when the server said so. */
  retryAfter: number | null;
}

/** Every event the elements fire, by name. All bubble and cross shadow roots. */
export interface SiteAssistEventMap {
  'sa-conversation-select': CustomEvent<ConversationSelectDetail>;
  'sa-conversation-start': CustomEvent<Record<string, never>>;
  'sa-conversation-created': CustomEvent<ConversationDetail>;
  /** A `<sa-conversation>` loaded a conversation (a list with `for` naming it marks the row). */
  'sa-conversation-load': CustomEvent<ConversationDetail>;
  /** A re-read of the conversation a `<sa-conversation>` shows changed what a list row shows. */
  'sa-conversation-update': CustomEvent<ConversationDetail>;
  /** A `<sa-conversation>` left a conversation for its welcome screen (a list with `for` naming it marks no row). */
  'sa-conversation-welcome': CustomEvent<Record<string, never>>;
  'sa-conversation-closed': CustomEvent<ConversationIdDetail>;
  'sa-message-sent': CustomEvent<MessageSentDetail>;
  'sa-message-received': CustomEvent<MessageReceivedDetail>;
  'sa-error': CustomEvent<ErrorDetail>;
  /** A `<sa-launcher>` opened its panel. */
  'sa-launcher-open': CustomEvent<Record<string, never>>;
  /** A `<sa-launcher>` closed its panel. */
  'sa-launcher-close': CustomEvent<Record<string, never>>;
}

declare global {
  interface GlobalEventHandlersEventMap extends SiteAssistEventMap {}
}

/** Fires a host-facing event; returns false when a listener cancelled a cancelable one. */
export function emit<K extends keyof SiteAssistEventMap>(
  target: EventTarget,
  type: K,
  detail: SiteAssistEventMap[K]['detail'],
  cancelable = false
): boolean {
  return target.dispatchEvent(new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable}));
}
