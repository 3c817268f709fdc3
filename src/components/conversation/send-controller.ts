import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {SiteAssistClient} from '../../api/client.js';
import {SiteAssistError, isAbort} from '../../api/errors.js';
import type {Conversation} from '../../api/types.js';
import {emit} from '../../internal/events.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import type {ShownConversation} from './shown-conversation.js';
import {Turn, pageSelection} from './turn.js';

/** The element sending happens for, read at each attempt: its client, conversation and `no-page-context`. */
export interface SendHost extends ReactiveControllerHost, HTMLElement {
  readonly client: SiteAssistClient | null;
  /** The conversation to send to; none: the first message creates one. */
  conversationId?: string;
  noPageContext: boolean;
}

/** What sending tells the element. */
export interface SendTarget {
  /** A fresh read taken before trying again, to show as any read. */
  show(conversation: Conversation): void;
  /** The attempt ended (replied, handed to an agent, stopped): its placeholders are shown; read again for the stored copies. */
  reread(): void;
  failed(error: unknown): void;
  /** The server has the message (its reply began, or a read shows it stored). */
  sent(content: string): void;
  /** A failed message goes out again (Retry, the countdown, back online). */
  retrying(): void;
}

/**
 * The visitor's message on its way, as a state machine the element renders: `send` starts a
 * turn, `stop` aborts its attempt, and a failed one is tried again by `retry`, by the countdown
 * a rate limit starts, or when the browser is back online. "Never twice": a retry (or a send
 * after an unfinished one) first re-reads the conversation and posts only if the server does not
 * already have the message; if it does, the server's state is shown instead.
 */
export class SendController implements ReactiveController {
  /** The message being sent, or the failed one waiting for a retry. */
  turn: Turn | null = null;
  /** Messages the server never got, set aside when the visitor sent another: each waits for its own resend or dismissal. */
  unsent: readonly Turn[] = [];
  /** Waits out a rate limit on sending before the automatic retry. */
  readonly countdown: RetryCountdown;
  /** The page selection when the visitor last reached for the element (focusing it clears the selection). */
  #selection: string | null = null;

  constructor(
    private readonly host: SendHost,
    /** The conversation as shown: a new message counts its place after its messages. */
    private readonly shown: ShownConversation,
    private readonly target: SendTarget
  ) {
    host.addController(this);
    this.countdown = new RetryCountdown(host, () => this.retry());
  }

  /** A request is in flight: the message is being sent or its reply streams in. */
  get sending(): boolean {
    return this.turn?.phase === 'sending' || this.turn?.phase === 'streaming';
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    this.drop();
  }

  /** Reaching for the element (pointer down, before focus moves) is the last moment the page selection is intact. */
  rememberSelection = (): void => {
    this.#selection = pageSelection() ?? this.#selection;
  };

  send(content: string): void {
    const selection = pageSelection() ?? this.#selection;
    this.#selection = null;
    const pageContext = this.host.noPageContext
      ? null
      : {url: location.href, title: document.title || null, textSelection: selection};
    const previous = this.#setAside();
    // After an unfinished attempt the server may hold more than this view knows: count after a fresh read.
    const after = previous ? undefined : this.shown.value?.messages.length ?? 0;
    this.turn = new Turn(this.host.conversationId, content, pageContext, after);
    this.#deliver(this.turn, Boolean(previous));
  }

  /** Tries the failed message again: the current one by default, or one set aside (which becomes current). */
  retry(turn = this.turn): void {
    if (turn?.phase !== 'failed' || this.sending) return;
    if (turn !== this.turn) {
      this.#setAside();
      this.unsent = this.unsent.filter((t) => t !== turn);
      this.turn = turn;
    }
    this.target.retrying();
    this.#deliver(turn, true);
  }

  /** The visitor gives up on a message the server never got. */
  dismiss(turn: Turn): void {
    if (turn === this.turn) {
      this.turn = null;
      this.countdown.stop();
    }
    this.unsent = this.unsent.filter((t) => t !== turn);
    this.host.requestUpdate();
  }

  stop(): void {
    if (!this.sending) return;
    this.turn!.stopped = true;
    this.turn!.controller.abort();
  }

  /** Gives up on the turn: a request in flight is aborted and nothing of it is shown any more. */
  drop(): void {
    this.turn?.controller.abort();
    this.turn = null;
    this.unsent = [];
    this.countdown.stop();
  }

  /** Before another message goes out: a current one the server never got is set aside, not lost. Returns the turn that was current. */
  #setAside(): Turn | null {
    const previous = this.turn;
    if (previous?.phase === 'failed' && !previous.announcedSent) this.unsent = [...this.unsent, previous];
    return previous;
  }

  /** Back online: a message that failed for want of a network goes out again (re-read first, so never twice). */
  #onOnline = (): void => {
    const error = this.turn?.error;
    if (error instanceof SiteAssistError && error.code === 'NETWORK_ERROR') this.retry();
  };

  /** One attempt at sending a turn's message. */
  async #deliver(turn: Turn, reread: boolean): Promise<void> {
    const client = this.host.client!;
    // A message whose first attempt could not create the conversation goes to the one created since.
    turn.conversationId ??= this.host.conversationId;
    this.countdown.stop();
    turn.controller = new AbortController();
    const {signal} = turn.controller;
    turn.phase = 'sending';
    turn.error = null;
    turn.stopped = false;
    turn.reply = {parts: []};
    turn.user = {...turn.user, status: null};
    this.host.requestUpdate();
    try {
      if (!turn.conversationId) {
        const created = await client.createConversation(this.host.noPageContext ? null : {pageUrl: location.href}, signal);
        turn.conversationId = created.id;
        turn.after = 0;
        this.shown.created(created);
        this.host.conversationId = created.id;
        emit(this.host, 'sa-conversation-created', {conversation: created});
      } else if (reread) {
        // Fresh: the failed send invalidated the client's cached reads of this conversation.
        const conversation = await client.getConversation(turn.conversationId, signal);
        this.target.show(conversation);
        if (turn.storedIn(conversation)) {
          this.#markSent(turn);
          return this.#end();
        }
        // It goes to the end of the conversation as it is now (messages may have come since it was set aside).
        turn.after = conversation.messages.length;
      }
      const outcome = await client.sendMessage(
        turn.conversationId,
        {content: turn.content, pageContext: turn.pageContext},
        {
          signal,
          onUpdate: (reply, chunk) => {
            this.#markSent(turn);
            turn.phase = 'streaming';
            turn.update(reply, chunk);
            this.host.requestUpdate();
          },
        }
      );
      this.#markSent(turn);
      // The server stopping the reply (an `abort` part) ends it as Stop would: no reply to announce.
      if (outcome.repliedBy === 'assistant' && outcome.aborted) turn.stopped = true;
      else if (outcome.repliedBy === 'assistant') {
        emit(this.host, 'sa-message-received', {conversationId: turn.conversationId, message: null, text: outcome.text});
      }
      this.#settle(turn);
    } catch (error) {
      if (this.turn !== turn) return;
      if (isAbort(error)) return this.#settle(turn);
      turn.phase = 'failed';
      turn.error = error;
      // Once the reply began, the server had the message: only the reply failed.
      if (!turn.announcedSent) turn.user = {...turn.user, status: 'error'};
      this.target.failed(error);
      this.countdown.startFor(error);
      this.host.requestUpdate();
    }
  }

  #markSent(turn: Turn): void {
    if (turn.announcedSent) return;
    turn.announcedSent = true;
    this.target.sent(turn.content);
    emit(this.host, 'sa-message-sent', {conversationId: turn.conversationId!, content: turn.content});
  }

  /** The request ended (replied, handed to an agent, or stopped): placeholders stand in until the re-read. */
  #settle(turn: Turn): void {
    this.#end();
    this.shown.settle(turn);
    this.target.reread();
  }

  #end(): void {
    this.turn = null;
    this.host.requestUpdate();
  }
}
