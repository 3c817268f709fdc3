import {html, type ReactiveController, type ReactiveControllerHost} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {keyed} from 'lit/directives/keyed.js';
import type {Conversation, Message} from '../../api/types.js';
import type {ElementRef} from '../../internal/element-ref.js';
import {idleFormatter} from '../../internal/relative-time.js';
import {renderDeferred, renderMessage, shortTimeFormatter, type MessageContext} from './message-view.js';
import {messageKey} from './reconcile.js';
import type {Turn} from './turn.js';

export interface LogState {
  conversation: Conversation | null;
  /** The turn on its way: its message stands after the messages it followed. */
  turn: Turn | null;
  /** Server message id → the key its placeholder had (see reconcile). */
  keys: ReadonlyMap<string, string>;
  /** Where the "joined" line goes (see HandOff); null: nowhere. */
  joinedAt: number | null;
  context: MessageContext;
  deferred: DeferredMessages;
}

/** A message with its gap is at least 80 px tall: this many px of view per message rendered in full at first. */
const MIN_MESSAGE_PX = 40;

/**
 * Which messages of a long history wait, as renderDeferred, until they come within a view's
 * height of the view (an IntersectionObserver on the scroller, in every engine), and the times,
 * which wait for ICU start-up when the page has not paid it yet. At a conversation's first render
 * the newest messages, enough to fill the view and as much again above it, are rendered and laid
 * out in full ('opening'), and the log is put at its bottom before the first paint; the older ones
 * are deferred. Every message added later is rendered in full and, like those that came near, laid
 * out only near the view (content-visibility).
 */
export type MessageLayout = 'waiting' | 'near' | 'opening' | 'later';

export class DeferredMessages implements ReactiveController {
  /** Changes whenever more is to be rendered in full: the log's guard includes it. */
  version = 0;
  /** Keys of the messages deferred at the conversation's first render, of those of them that came near since, and of the others of that render. */
  #deferred = new Set<string>();
  #opening = new Set<string>();
  #near = new Set<string>();
  /** The conversation whose messages #deferred holds. */
  #planned?: string;
  /** The log rendered since the last update: its deferred messages are to be observed, the first time put at the bottom. */
  #rendered = false;
  #toBottom = false;
  #prepareTimes = idleFormatter(() => shortTimeFormatter(this.options.locale()), () => this.#more());
  /** Made on first use, not in the constructor: a server (SSR) has no IntersectionObserver. */
  #observer?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      scroller: ElementRef<HTMLElement>;
      locale(): string | undefined;
      /** A conversation is being read or shown: its times will be needed. */
      showing(): boolean;
      /** Puts the log at its newest message now. */
      toNewest(): void;
    }
  ) {
    host.addController(this);
  }

  /**
   * How `key`'s message is rendered: it waits (renderDeferred), was deferred and came near, was
   * rendered in full at the conversation's first render, or came after it. At a conversation's first
   * render, decides which messages wait.
   */
  plan(conversationId: string, shown: readonly Message[], keys: ReadonlyMap<string, string>): (key: string) => MessageLayout {
    this.#rendered = true;
    if (conversationId !== this.#planned) {
      this.#planned = conversationId;
      const view = this.options.scroller.value?.clientHeight || innerHeight;
      const full = Math.ceil(view / MIN_MESSAGE_PX);
      // Only finished messages wait: a failed or stopped one shows why, in full.
      const waiting = shown.slice(0, -full).filter((message) => message.status === 'complete');
      this.#deferred = new Set(waiting.map((message) => messageKey(keys, message)));
      this.#opening = new Set(shown.map((message) => messageKey(keys, message)).filter((key) => !this.#deferred.has(key)));
      this.#near = new Set();
      this.#toBottom = true;
    }
    return (key) => (this.#deferred.has(key) ? (this.#near.has(key) ? 'near' : 'waiting') : this.#opening.has(key) ? 'opening' : 'later');
  }

  hostConnected(): void {
    // Observed again after a removal (hostDisconnected let go of every message).
    this.#rendered = true;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const {scroller, showing, toNewest} = this.options;
    if (showing()) this.#prepareTimes();
    const root = scroller.value;
    if (!this.#rendered || !root) return;
    this.#rendered = false;
    if (this.#toBottom) {
      this.#toBottom = false;
      toNewest();
    }
    if (this.#observer?.root !== root) {
      this.#observer?.disconnect();
      this.#observer = new IntersectionObserver((entries) => this.#cameNear(entries), {root, rootMargin: '100% 0px'});
    }
    // Observing an observed element again does nothing.
    for (const message of root.querySelectorAll<HTMLElement>('[data-key]')) {
      if (!this.#near.has(message.dataset.key!)) this.#observer.observe(message);
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #cameNear(entries: IntersectionObserverEntry[]): void {
    const before = this.#near.size;
    for (const {isIntersecting, target} of entries) {
      if (!isIntersecting) continue;
      this.#observer?.unobserve(target);
      this.#near.add((target as HTMLElement).dataset.key!);
    }
    if (this.#near.size > before) this.#more();
  }

  #more(): void {
    this.version++;
    this.host.requestUpdate();
  }
}

/**
 * The log of messages. Keyed per conversation: a new live region is not read out in full.
 * Guarded: a streamed chunk re-renders only the streaming reply, never the history.
 */
export function renderLog({conversation, turn, keys, joinedAt, context, deferred}: LogState): unknown {
  const {i18n} = context;
  const log = guard([conversation, turn, turn?.user, turn?.after, context.assistantName, i18n, joinedAt, deferred.version], () => {
    const messages = conversation?.messages ?? [];
    const shown = turn ? [...messages.slice(0, turn.after), turn.user] : messages;
    const layoutOf = deferred.plan(conversation?.id ?? '', shown, keys);
    // Lit reuses an array's items by position: each node stays its message's as long as messages
    // keep their positions. They do: the log only appends, and a placeholder hands its key to the
    // stored copy in its place (reconcile). Were messages ever put above others (older pages loaded
    // at the top), every node below would show another message: use `repeat`. The test "keeps every
    // message's node while the log grows" fails if this stops holding.
    const rendered: unknown[] = shown.map((message) => {
      const key = messageKey(keys, message);
      const layout = layoutOf(key);
      return layout === 'waiting'
        ? renderDeferred(message, key, context)
        : renderMessage(message, context, layout === 'near' ? key : undefined, layout === 'opening');
    });
    // The line joins where the log ends, or is there from the first render: it never shifts messages already shown.
    if (joinedAt !== null && joinedAt <= shown.length) {
      const name = conversation?.humanAgent?.name || i18n.humanAgent;
      rendered.splice(joinedAt, 0, html`<p part="agent-joined" class="joined">${i18n.agentJoined(name)}</p>`);
    }
    return rendered;
  });
  return keyed(conversation?.id ?? '', html`<div role="log" aria-live="polite" class="log">${log}</div>`);
}
