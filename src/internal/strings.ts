import {isServer} from 'lit';
import type {ErrorCode} from '../api/errors.js';

/**
 * Every visitor-facing string, in one table per locale. Functions take the parts that vary.
 * Hosts override any entry through an element's `strings` property.
 */
export const en = {
  /** What a visitor reads when the site's setup is wrong (no key, a refused key); the console tells the site owner why. */
  missingConfig: 'Chat is unavailable right now.',
  retry: 'Try again',
  loading: 'Loading…',
  retryIn: (seconds: number) => `Trying again in ${seconds} s…`,

  // <sa-conversation-list> and <sa-start-button>
  conversations: 'Conversations',
  conversationCount: (count: number) => (count === 1 ? '1 conversation' : `${count} conversations`),
  untitledConversation: 'Untitled conversation',
  noConversations: 'No conversations yet',
  loadMore: 'Load more',
  closedBadge: (reason: string | null) => (reason ? `Closed: ${reason}` : 'Closed'),
  humanAgentBadge: (name: string | null) => (name ? `With ${name}` : 'With a human agent'),
  startConversation: 'Start a conversation',

  // <sa-conversation>
  assistant: 'Assistant',
  you: 'You',
  humanAgent: 'Human agent',
  statusOpen: 'Open',
  statusClosed: 'Closed',
  closedAgo: (when: string, reason: string | null) => (reason ? `Closed ${when}: ${reason}` : `Closed ${when}`),
  /** In place of closedAgo under a minute, where the relative time would read "now". */
  closedJustNow: (reason: string | null) => (reason ? `Closed just now: ${reason}` : 'Closed just now'),
  agentJoined: (name: string) => `${name} joined the conversation.`,
  welcome: 'Hi! How can we help?',
  messageLabel: 'Message',
  placeholder: 'Write a message…',
  /** The composer's placeholder while a human agent handles the conversation. */
  placeholderTo: (name: string) => `Write to ${name}…`,
  send: 'Send',
  stop: 'Stop',
  thinking: 'Thinking…',
  typing: 'Assistant is typing',
  charactersLeft: (count: number) =>
    count >= 0 ? `${count} characters left` : `${-count} characters over the limit`,
  tooLong: (limit: number) => `Messages can be up to ${limit} characters long. Please shorten it.`,
  notSent: 'Not sent',
  dismiss: 'Dismiss',
  replyIncomplete: 'This reply did not finish.',
  /** A reply the visitor stopped: not an error. */
  stopped: 'Stopped',
  like: 'Helpful',
  dislike: 'Not helpful',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
  sources: 'Sources',
  source: 'Source',
  newMessages: 'New messages',
  endConversation: 'End conversation',
  endConfirm: 'End this conversation? You can start a new one afterwards.',
  cancel: 'Cancel',
  newConversation: 'Start a new conversation',

  // <sa-launcher>
  openChat: (unread: number) =>
    unread === 0 ? 'Open chat' : unread === 1 ? 'Open chat, 1 unread message' : `Open chat, ${unread} unread messages`,
  closeChat: 'Close chat',
  chatOpened: 'Chat opened',
  chatClosed: 'Chat closed',
  unreadMessages: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  earlierConversations: 'Your conversations',
  backToChat: 'Back to the conversation',

  errors: {
    NOT_CONFIGURED: 'This chat is not set up yet.',
    NETWORK_ERROR: 'You seem to be offline. Check your connection.',
    ABORTED: 'The request was cancelled.',
    HTTP_ERROR: 'The chat service answered unexpectedly. Please try again.',
    INVALID_RESPONSE: 'The chat service answered unexpectedly. Please try again.',
    STREAM_INTERRUPTED: 'The reply was cut off.',
    STREAM_ERROR: 'The assistant could not finish its reply.',
    INVALID_REQUEST_BODY: 'Please write a message first.',
    UNAUTHORIZED: 'The chat could not sign you in. Please reload the page.',
    PAYMENT_REQUIRED: 'This feature needs a different SiteAssist plan.',
    FORBIDDEN: 'This conversation is not available.',
    CONVERSATION_NOT_FOUND: 'This conversation is not available.',
    CONFLICT: 'That was already done.',
    VALIDATION_ERROR: 'That message could not be sent as it is.',
    RATE_LIMIT_EXCEEDED: 'Too many messages at once.',
    INTERNAL_SERVER_ERROR: 'Something went wrong on our side.',
    BAD_GATEWAY: 'The assistant is temporarily unavailable.',
    SERVICE_UNAVAILABLE: 'The chat service is temporarily unavailable.',
  } satisfies Record<ErrorCode, string>,
};

export type Strings = typeof en;

/** Translations by primary language subtag; a missing entry falls back to English. */
export const locales: Record<string, Partial<Strings>> = {en};

/** Connected elements, re-rendered when a translation arrives after they first rendered. */
export const localeHosts = new Set<{requestUpdate(): void}>();

/**
 * The merged tables, one per language and overrides object, so a table's identity changes only when its
 * words do: renders guarded on it stay cached until a language or translation changes.
 */
let tables = new WeakMap<object, Map<string, Strings>>();
const noOverrides = {};

/**
 * Adds the translation for a lowercase primary language subtag (`de`, `es`…) and re-renders every
 * connected element. The locale modules (`siteassist-elements/locales/de.js`, CDN `dist/locales/de.js`) call it.
 */
export function registerLocale(lang: string, table: Strings): void {
  locales[lang] = table;
  refreshElements();
}

/** Re-renders every connected element past its cached renders (new tables, so guards on them let go). */
export function refreshElements(): void {
  tables = new WeakMap();
  localeHosts.forEach((host) => host.requestUpdate());
}

/**
 * The locale an element speaks: the nearest `lang` attribute, looking out through the shadow roots
 * it sits in (closest() stops at each), else the document's, else the browser's. On a server (SSR)
 * the element stands alone, outside any tree: only its own `lang` counts.
 */
export function localeOf(element: Element): string | undefined {
  if (isServer) return element.getAttribute('lang') ?? undefined;
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang;
  }
  return document.documentElement.lang || undefined;
}

/** The table for `element`: its own overrides, then the locale of the nearest `lang`, then English. */
export function stringsFor(element: Element, overrides: Partial<Strings> = noOverrides): Strings {
  const lang = (localeOf(element) ?? 'en').toLowerCase().split('-')[0];
  // A Map, not an object: `lang` comes from the page and may be any word, `constructor` too.
  let byLang = tables.get(overrides);
  if (!byLang) tables.set(overrides, (byLang = new Map()));
  let table = byLang.get(lang);
  if (!table) byLang.set(lang, (table = {...en, ...locales[lang], ...overrides}));
  return table;
}
