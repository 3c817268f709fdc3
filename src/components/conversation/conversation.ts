import {html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {keyed} from 'lit/directives/keyed.js';
import {Task, TaskStatus, initialState} from '@lit/task';
import type {ConversationChangeEvent} from '../../api/client.js';
import {SiteAssistError, isAbort} from '../../api/errors.js';
import type {Conversation, Feedback, Message} from '../../api/types.js';
import {emit} from '../../internal/events.js';
import {MarkdownDocument} from '../../internal/markdown.js';
import {adoptCodeStyles} from '../../internal/markdown-render.js';
import {RelativeTimeController, localeOf, relativeTime} from '../../internal/relative-time.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import {SiteAssistElement} from '../../internal/siteassist-element.js';
import {safeUrl} from '../../internal/safe-url.js';
import type {Strings} from '../../internal/strings.js';
import {applyBrand} from './brand.js';
import {renderComposer} from './composer.js';
import {styles} from './conversation.styles.js';
import {LiveUpdates} from './live-updates.js';
import {markdownView, renderMessage, type MessageContext} from './message-view.js';
import {Turn, isLocal, localMessage, pageSelection, textOf} from './turn.js';

/** The API refuses longer messages; the element refuses them before any request. */
const MAX_MESSAGE_LENGTH = 10_000;
/** How close to the bottom (px) still counts as reading the newest message. */
const BOTTOM_SLACK = 48;
const COPIED_MS = 2_000;
/** A reply the server still lists as streaming (stopped here, or written in another tab) is looked at again. */
const RECHECK_MS = 1_500;
const MAX_RECHECKS = 5;

/** The conversation's and the project's reads, as rendering sees them. */
type ReadTask = Task<readonly unknown[], unknown>;

/**
 * One SiteAssist conversation: its messages, a composer that streams the assistant's reply, live
 * messages from a human agent, feedback, and closing. Without a `conversation-id` it greets with
 * the project's welcome message and starts a conversation with the visitor's first message.
 * `theme="light"` or `theme="dark"` pins a colour scheme (the default follows the system). It is
 * 32rem tall unless page CSS sizes it; the messages scroll inside.
 *
 * @tag sa-conversation
 * @summary A SiteAssist conversation with streaming replies and human hand-off.
 *
 * @fires sa-conversation-load - A conversation loaded (each time the shown conversation changes). `detail: {conversation}`
 * @fires sa-conversation-created - The visitor's first message started a new conversation. `detail: {conversation}`
 * @fires sa-conversation-start - The visitor asked for a new conversation after a closed one; cancelable. `detail: {}`
 * @fires sa-conversation-closed - The visitor ended the conversation. `detail: {conversationId}`
 * @fires sa-message-sent - The server has the visitor's message. `detail: {conversationId, content}`
 * @fires sa-message-received - An assistant reply finished, or a human agent's message arrived. `detail: {conversationId, message, text}`
 * @fires sa-error - Something failed; the element shows visitor words too. `detail: {code, status, message, retryAfter}`
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The bar with title, status, agent and the end button.
 * @csspart title - The conversation's title.
 * @csspart status - Open or closed.
 * @csspart agent - The human agent handling the conversation (name and avatar).
 * @csspart messages - The scrolling message area.
 * @csspart message - Each message; also `user`, `assistant` or `human_agent`, and `failed` or `streaming`.
 * @csspart bubble - The text of a message.
 * @csspart actions - Feedback and copy buttons under an assistant message.
 * @csspart feedback-button - Like and dislike (`aria-pressed`).
 * @csspart copy-button - Copies a message's text (under a reply) or a code block (inside one).
 * @csspart link-button - A link action from the assistant.
 * @csspart citation - A numbered citation chip in a reply.
 * @csspart sources - The list of sources a reply cites.
 * @csspart sources-label - The "Sources" heading above it.
 * @csspart welcome - The project's welcome message before the first message.
 * @csspart error - An error message with its Retry button.
 * @csspart new-messages-button - Shown when messages arrive while the visitor reads further up.
 * @csspart composer - The message form.
 * @csspart input - The message text area.
 * @csspart send-button - Sends the message.
 * @csspart stop-button - Stops a streaming reply.
 * @csspart close-button - Ends the conversation (after an in-element confirmation).
 * @csspart footer - Replaces the composer when the conversation is closed or being ended.
 *
 * @cssprop --sa-conversation-bg - Background of the element.
 * @cssprop --sa-conversation-header-bg - Background of the header.
 * @cssprop --sa-conversation-user-bubble-bg - The visitor's bubbles; defaults to the project's user bubble colour.
 * @cssprop --sa-conversation-user-bubble-color - Text on the visitor's bubbles.
 * @cssprop --sa-conversation-assistant-bubble-bg - The assistant's bubbles.
 * @cssprop --sa-conversation-agent-bubble-bg - A human agent's bubbles.
 * @cssprop --sa-conversation-bubble-radius - Corner radius of bubbles.
 * @cssprop --sa-conversation-input-bg - Background of the message input.
 */
export class SaConversation extends SiteAssistElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    conversationId: {attribute: 'conversation-id'},
    noPageContext: {type: Boolean, attribute: 'no-page-context'},
    draft: {state: true, attribute: false},
    tooLong: {state: true, attribute: false},
    unseen: {state: true, attribute: false},
    confirmingClose: {state: true, attribute: false},
    copiedId: {state: true, attribute: false},
    actionError: {state: true, attribute: false},
    announcement: {state: true, attribute: false},
  };

  /** The conversation to show. Empty: the welcome screen; the first message starts a conversation. */
  declare conversationId?: string;

  /** Do not send the page's URL, title and selected text with each message. */
  noPageContext = false;

  private draft = '';
  private tooLong = false;
  private unseen = false;
  private confirmingClose = false;
  private copiedId: string | null = null;
  /** A failed action outside of sending (feedback, closing). */
  private actionError: unknown = null;
  /** What the status live region says: "Assistant is typing", "Sam joined". */
  private announcement = '';

  /** The conversation as shown: the server's last answer, plus placeholders until its re-read. */
  #conversation: Conversation | null = null;
  #turn: Turn | null = null;
  /** Server message id → the key its placeholder had, so the DOM node (and the log's announcement) stays. */
  readonly #keys = new Map<string, string>();
  #loadedId: string | null = null;
  #atBottom = true;
  /** The scroll position #followContent last set. */
  #followedTo = 0;
  #observed?: Element;
  /** Where focus goes once the next render is in: the input, or the button with that class. */
  #focusAfterUpdate: 'input' | 'new-conversation' | 'confirm' | 'close-button' | null = null;
  /** The page selection when the visitor last reached for the element (focusing it clears the selection). */
  #selection: string | null = null;
  #rechecks = 0;
  #readAbortedOnDisconnect = false;
  #recheckTimer?: ReturnType<typeof setTimeout>;

  readonly #conversationTask = new Task(this, {
    task: ([client, id], {signal}) => (client && id ? client.getConversation(id, signal) : initialState),
    // The client is one shared instance per configuration: stable, as args must be.
    args: () => [this.client, this.conversationId] as const,
    onComplete: (conversation) => this.#show(conversation),
    onError: (error) => {
      this.reportError(error);
      this.#loadCountdown.startFor(error);
    },
  });

  readonly #projectTask = new Task(this, {
    task: ([client], {signal}) => (client?.config.apiKey ? client.getProject(signal) : initialState),
    args: () => [this.client] as const,
    onComplete: (project) => applyBrand(this, project),
    onError: (error) => this.reportError(error),
  });

  readonly #loadCountdown = new RetryCountdown(this, () => this.#conversationTask.run());
  readonly #sendCountdown = new RetryCountdown(this, () => this.#retry());
  readonly #resizeObserver = new ResizeObserver(() => this.#followContent());

  constructor() {
    super();
    new RelativeTimeController(this);
    // Lit still updates a removed element (its aborted read settles): that must not reopen the socket.
    new LiveUpdates(this, () => {
      const conversation = this.#conversation;
      const client = this.client;
      return client && this.isConnected && conversation?.status === 'open' && conversation.id === this.conversationId
        ? {client, conversationId: conversation.id, humanHandled: conversation.isHumanHandled}
        : null;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    if (this.#readAbortedOnDisconnect) this.#conversationTask.run();
    this.#readAbortedOnDisconnect = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    // A removed element lets go of its read; put back, it reads again.
    this.#readAbortedOnDisconnect = this.#conversationTask.status === TaskStatus.PENDING;
    if (this.#readAbortedOnDisconnect) this.#conversationTask.abort();
    this.#dropTurn();
    clearTimeout(this.#recheckTimer);
    this.#resizeObserver.disconnect();
    this.#observed = undefined;
  }

  protected override conversationChanged(event: ConversationChangeEvent): void {
    // A send in progress re-reads when it ends; reading mid-stream would show half a reply twice.
    if (event.conversationId !== this.conversationId || this.#sending) return;
    this.#conversationTask.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('conversationId')) return;
    if (this.#turn && this.#turn.conversationId !== this.conversationId) this.#dropTurn();
    if (this.#conversation?.id !== this.conversationId) {
      this.#conversation = null;
      this.#keys.clear();
      this.#loadCountdown.stop();
      this.#atBottom = true;
      this.unseen = this.confirmingClose = false;
      this.actionError = null;
    }
  }

  protected override updated(): void {
    adoptCodeStyles(this.renderRoot as ShadowRoot);
    // Not observed again by an update that runs after removal (disconnectedCallback let it go).
    const content = (this.isConnected && this.#find('.content')) || undefined;
    if (content !== this.#observed) {
      this.#resizeObserver.disconnect();
      if (content) this.#resizeObserver.observe(content);
      this.#observed = content;
    }
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = null;
    if (focus) this.#find(focus === 'input' ? 'textarea' : `.${focus}`)?.focus();
  }

  #find(selector: string): HTMLElement | null {
    return this.renderRoot.querySelector(selector);
  }

  get #sending(): boolean {
    return this.#turn?.phase === 'sending' || this.#turn?.phase === 'streaming';
  }

  get #assistantName(): string {
    const project = this.#projectTask.value;
    return project?.chatWidgetConfig.displayName || project?.name || this.i18n.assistant;
  }

  // Loading and showing.

  /** Takes in a read of the conversation: keeps what did not change, fires what a host wants to know. */
  #show(next: Conversation): void {
    if (next.id !== this.conversationId) return;
    const previous = this.#conversation?.id === next.id ? this.#conversation : null;
    const known = new Map(previous?.messages.map((m) => [m.id, m]));
    previous?.messages.forEach((message, index) => {
      const stored = next.messages[index];
      if (isLocal(message) && stored?.role === message.role) this.#keys.set(stored.id, this.#keyOf(message));
    });
    // Unchanged messages keep their object, so their rendering is skipped.
    const messages = next.messages.map((m) => {
      const old = known.get(m.id);
      return old && JSON.stringify(old) === JSON.stringify(m) ? old : m;
    });
    this.#conversation = {...next, messages};
    clearTimeout(this.#recheckTimer);
    const unfinished = !this.#sending && messages.some((m) => m.status === 'streaming');
    this.#rechecks = unfinished ? this.#rechecks + 1 : 0;
    if (unfinished && this.#rechecks <= MAX_RECHECKS) {
      // A fresh read, past the client's cache, for every view of this conversation.
      this.#recheckTimer = setTimeout(() => this.client?.changed(next.id, 'updated'), RECHECK_MS);
    }
    if (previous) {
      for (const message of messages) {
        if (message.role === 'human_agent' && !known.has(message.id)) {
          emit(this, 'sa-message-received', {conversationId: next.id, message, text: textOf(message)});
        }
      }
      if (next.isHumanHandled && !previous.isHumanHandled) {
        this.announcement = this.i18n.agentJoined(next.humanAgent?.name || this.i18n.humanAgent);
      }
    }
    if (this.#loadedId !== next.id) {
      this.#loadedId = next.id;
      emit(this, 'sa-conversation-load', {conversation: this.#conversation});
    }
  }

  #keyOf(message: Message): string {
    return this.#keys.get(message.id) ?? message.id;
  }

  // Sending.

  #submit(): void {
    const content = this.draft.trim();
    this.#focusAfterUpdate = 'input';
    if (!content || this.#sending || !this.client) return;
    this.tooLong = content.length > MAX_MESSAGE_LENGTH;
    if (this.tooLong) return;
    const previous = this.#turn;
    const selection = pageSelection() ?? this.#selection;
    this.#selection = null;
    const pageContext = this.noPageContext
      ? null
      : {url: location.href, title: document.title || null, textSelection: selection};
    // After an unfinished attempt the server may hold more than this view knows: count after a fresh read.
    const after = previous ? undefined : this.#conversation?.messages.length ?? 0;
    const turn = new Turn(this.conversationId, content, pageContext, after);
    this.#turn = turn;
    this.draft = '';
    this.#atBottom = true;
    this.#deliver(turn, Boolean(previous));
  }

  #retry(): void {
    const turn = this.#turn;
    if (turn?.phase === 'failed') {
      this.#focusAfterUpdate = 'input';
      this.#deliver(turn, true);
    }
  }

  /** Back online: a message that failed for want of a network goes out again (re-read first, so never twice). */
  #onOnline = (): void => {
    const error = this.#turn?.error;
    if (error instanceof SiteAssistError && error.code === 'NETWORK_ERROR') this.#retry();
  };

  #stop(): void {
    if (this.#sending) this.#turn!.controller.abort();
  }

  /**
   * One attempt at sending a turn's message. "Never twice": a retry (or a send after an
   * unfinished one) first re-reads the conversation, and posts only if the server does not
   * already have the message; if it does, the server's state is shown instead.
   */
  async #deliver(turn: Turn, reread: boolean): Promise<void> {
    const client = this.client!;
    const i18n = this.i18n;
    this.#sendCountdown.stop();
    turn.controller = new AbortController();
    const {signal} = turn.controller;
    turn.phase = 'sending';
    turn.error = null;
    turn.text = '';
    turn.reply = new MarkdownDocument();
    turn.user = {...turn.user, status: null};
    this.announcement = this.#conversation?.isHumanHandled ? '' : i18n.typing;
    this.requestUpdate();
    try {
      if (!turn.conversationId) {
        const created = await client.createConversation(this.noPageContext ? null : {pageUrl: location.href}, signal);
        turn.conversationId = created.id;
        turn.after = 0;
        this.#conversation = created;
        this.#loadedId = null;
        this.conversationId = created.id;
        emit(this, 'sa-conversation-created', {conversation: created});
      } else if (reread) {
        // Fresh: the failed send invalidated the client's cached reads of this conversation.
        const conversation = await client.getConversation(turn.conversationId, signal);
        this.#show(conversation);
        if (turn.storedIn(conversation)) {
          this.#markSent(turn);
          this.#turn = null;
          this.announcement = '';
          return;
        }
        turn.after ??= conversation.messages.length;
      }
      const outcome = await client.sendMessage(
        turn.conversationId,
        {content: turn.content, pageContext: turn.pageContext},
        {
          signal,
          onText: (delta) => {
            this.#markSent(turn);
            turn.phase = 'streaming';
            turn.text += delta;
            turn.reply.append(delta);
            this.requestUpdate();
          },
        }
      );
      this.#markSent(turn);
      if (outcome.repliedBy === 'assistant') {
        emit(this, 'sa-message-received', {conversationId: turn.conversationId, message: null, text: outcome.text});
      }
      this.#settle(turn);
    } catch (error) {
      if (this.#turn !== turn) return;
      if (isAbort(error)) return this.#settle(turn);
      turn.phase = 'failed';
      turn.error = error;
      // Once the reply began, the server had the message: only the reply failed.
      if (!turn.announcedSent) turn.user = {...turn.user, status: 'error'};
      this.announcement = '';
      this.reportError(error);
      this.#sendCountdown.startFor(error);
      this.requestUpdate();
    }
  }

  /** Gives up on the turn: a request in flight is aborted and nothing of it is shown any more. */
  #dropTurn(): void {
    this.#turn?.controller.abort();
    this.#turn = null;
    this.#sendCountdown.stop();
  }

  #markSent(turn: Turn): void {
    if (turn.announcedSent) return;
    turn.announcedSent = true;
    emit(this, 'sa-message-sent', {conversationId: turn.conversationId!, content: turn.content});
  }

  /** The request ended (replied, handed to an agent, or stopped): placeholders stand in until the re-read. */
  #settle(turn: Turn): void {
    const conversation = this.#conversation;
    if (conversation && conversation.id === turn.conversationId) {
      const reply = turn.text ? [localMessage('assistant', conversation.id, turn.text)] : [];
      const user = {...turn.user, status: 'complete' as const};
      this.#conversation = {...conversation, messages: [...conversation.messages.slice(0, turn.after), user, ...reply]};
    }
    this.#turn = null;
    this.announcement = '';
    this.#conversationTask.run();
  }

  // Other visitor actions.

  async #setFeedback(message: Message, value: NonNullable<Feedback>): Promise<void> {
    const client = this.client;
    const id = this.conversationId;
    if (!client || !id) return;
    const feedback = message.feedback === value ? null : value;
    this.#replaceMessage({...message, feedback});
    this.actionError = null;
    try {
      await client.setFeedback(id, message.id, feedback);
    } catch (error) {
      this.#replaceMessage(message);
      this.#fail(error);
    }
  }

  #replaceMessage(message: Message): void {
    const conversation = this.#conversation;
    if (!conversation) return;
    this.#conversation = {...conversation, messages: conversation.messages.map((m) => (m.id === message.id ? message : m))};
    this.requestUpdate();
  }

  async #copy(message: Message): Promise<void> {
    try {
      await navigator.clipboard.writeText(textOf(message));
    } catch {
      return; // No clipboard access (permissions, insecure page): the button just stays as it was.
    }
    this.copiedId = message.id;
    setTimeout(() => {
      if (this.copiedId === message.id) this.copiedId = null;
    }, COPIED_MS);
  }

  async #endConversation(): Promise<void> {
    const client = this.client;
    const conversation = this.#conversation;
    if (!client || !conversation) return;
    this.#dropTurn();
    this.actionError = null;
    try {
      await client.closeConversation(conversation.id);
    } catch (error) {
      return this.#fail(error);
    }
    if (this.#conversation?.id === conversation.id) {
      this.#conversation = {...this.#conversation, status: 'closed', closedAt: new Date().toISOString()};
    }
    this.confirmingClose = false;
    this.#focusAfterUpdate = 'new-conversation';
    emit(this, 'sa-conversation-closed', {conversationId: conversation.id});
  }

  #startNew(): void {
    if (!emit(this, 'sa-conversation-start', {}, true)) return;
    this.conversationId = undefined;
    this.#focusAfterUpdate = 'input';
  }

  #fail(error: unknown): void {
    this.actionError = error;
    this.reportError(error);
  }

  // Scrolling: follow new content while the visitor is at the bottom, else offer a jump.

  #onScroll = (): void => {
    const scroller = this.#find('.messages')!;
    // Our own scroll to the bottom is reported after the reply may have grown again: only a move
    // above where we put it means the visitor left the bottom.
    this.#atBottom =
      scroller.scrollTop >= this.#followedTo - 1 || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK;
    if (this.#atBottom) this.unseen = false;
  };

  #followContent(): void {
    const scroller = this.#find('.messages');
    if (!scroller) return;
    if (this.#atBottom) {
      scroller.scrollTop = scroller.scrollHeight;
      this.#followedTo = scroller.scrollTop;
    } else if (scroller.scrollHeight > scroller.clientHeight) this.unseen = true;
  }

  #jumpToNewest(): void {
    this.#atBottom = true;
    this.unseen = false;
    this.#followContent();
    this.#focusAfterUpdate = 'input';
  }

  /** Reaching for the element (pointer down, before focus moves) is the last moment the page selection is intact. */
  #rememberSelection(): void {
    this.#selection = pageSelection() ?? this.#selection;
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    if (this.#sending) this.#stop();
    else if (this.confirmingClose) this.#cancelClose();
    else return;
    event.stopPropagation();
  }

  // Rendering.

  override render(): TemplateResult {
    const i18n = this.i18n;
    if (!this.client) return html`<div part="base" class="base"><p class="notice">${i18n.missingConfig}</p></div>`;
    const conversation = this.#conversation;
    const loading = this.conversationId ? this.#conversationTask.status === TaskStatus.PENDING : this.#projectTask.status === TaskStatus.PENDING;
    return html`<div part="base" class="base" @keydown=${this.#onKeydown} @pointerdown=${this.#rememberSelection}>
      ${this.#renderHeader(conversation, i18n)}
      <section part="messages" class="messages" aria-labelledby="title" aria-busy=${loading} tabindex="0" @scroll=${this.#onScroll}>
        <div class="content">
          ${conversation || this.#turn ? this.#renderLog(conversation, i18n) : this.conversationId ? this.#renderReading(this.#conversationTask, i18n) : this.#renderWelcome(i18n)}
          ${this.#renderTurn(i18n)}
        </div>
      </section>
      ${this.unseen
        ? html`<button part="new-messages-button" class="new-messages" @click=${this.#jumpToNewest}>${i18n.newMessages}</button>`
        : nothing}
      <div role="status" class="visually-hidden">${this.announcement}</div>
      ${conversation && this.#conversationTask.status === TaskStatus.ERROR ? this.#renderError(this.#conversationTask, i18n) : nothing}
      ${this.actionError ? html`<p part="error" class="error" role="alert">${this.errorText(this.actionError)}</p>` : nothing}
      ${this.#renderFooter(conversation, i18n)}
    </div>`;
  }

  #renderHeader(conversation: Conversation | null, i18n: Strings): TemplateResult {
    const agent = conversation?.isHumanHandled ? conversation.humanAgent : null;
    const avatar = agent?.image ? safeUrl(agent.image) : null;
    const open = conversation?.status === 'open';
    // Not a <header>: a banner landmark is the page's own, and a page may hold two conversations.
    return html`<div part="header" class="header">
      <div class="heading">
        <h2 part="title" class="title" id="title">${conversation ? conversation.title || i18n.untitledConversation : this.#assistantName}</h2>
        ${conversation ? html`<span part="status" class="status">${open ? i18n.statusOpen : i18n.statusClosed}</span>` : nothing}
      </div>
      ${conversation?.isHumanHandled
        ? html`<span part="agent" class="agent">
            ${avatar ? html`<img src=${avatar} alt="" width="28" height="28" />` : nothing}${agent?.name || i18n.humanAgent}
          </span>`
        : nothing}
      ${open && !this.confirmingClose
        ? html`<button part="close-button" class="close-button" @click=${this.#confirmClose}>${i18n.endConversation}</button>`
        : nothing}
    </div>`;
  }

  #confirmClose(): void {
    this.confirmingClose = true;
    this.#focusAfterUpdate = 'confirm';
  }

  #cancelClose(): void {
    this.confirmingClose = false;
    this.#focusAfterUpdate = 'close-button';
  }

  /** The conversation's or the project's read: pending, or failed with Try again; undefined otherwise. */
  #renderReading(task: ReadTask, i18n: Strings): unknown {
    return task.render({
      pending: () => html`<p class="notice" role="status">${i18n.loading}</p>`,
      error: () => this.#renderError(task, i18n),
    });
  }

  #renderError(task: ReadTask, i18n: Strings): TemplateResult {
    // Only a conversation's read waits out a rate limit with a countdown.
    const seconds = task === this.#conversationTask ? this.#loadCountdown.seconds : 0;
    return html`<div part="error" class="error" role="alert">
      <p>${this.errorText(task.error)}${seconds ? ` ${i18n.retryIn(seconds)}` : ''}</p>
      <button @click=${() => task.run()}>${i18n.retry}</button>
    </div>`;
  }

  #renderWelcome(i18n: Strings): unknown {
    const welcome = this.#projectTask.value?.chatWidgetConfig.welcomeMessage || i18n.welcome;
    return html`<div part="welcome" class="welcome">
      ${this.#renderReading(this.#projectTask, i18n) ?? guard([welcome, i18n], () => markdownView(welcome, i18n))}
    </div>`;
  }

  /**
   * The log of messages. Keyed per conversation: a new live region is not read out in full.
   * Guarded: a streamed chunk re-renders only the streaming reply, never the history.
   */
  #renderLog(conversation: Conversation | null, i18n: Strings): unknown {
    const turn = this.#turn;
    const context: MessageContext = {
      i18n,
      locale: localeOf(this),
      assistantName: this.#assistantName,
      copiedId: this.copiedId,
      onFeedback: (message, value) => this.#setFeedback(message, value),
      onCopy: (message) => this.#copy(message),
    };
    const log = guard([conversation, turn, turn?.user, turn?.after, context.assistantName, this.copiedId, i18n], () => {
      const messages = conversation?.messages ?? [];
      const shown = turn ? [...messages.slice(0, turn.after), turn.user] : messages;
      // The log only grows, so keys keep their places: `keyed` keeps each node as `repeat` would, for less code.
      return shown.map((message) =>
        keyed(this.#keyOf(message), guard([message, context.copiedId === message.id, i18n], () => renderMessage(message, context)))
      );
    });
    return keyed(conversation?.id ?? '', html`<div role="log" aria-live="polite" class="log">${log}</div>`);
  }

  /** The reply on its way, outside the log until it is complete, so it is announced once, whole. */
  #renderTurn(i18n: Strings): unknown {
    const turn = this.#turn;
    if (!turn) return nothing;
    const sending = this.#sending;
    const thinking = sending && !turn.text && !this.#conversation?.isHumanHandled;
    const seconds = this.#sendCountdown.seconds;
    return html`
      ${turn.text || thinking
        ? html`<div part="message assistant ${sending ? 'streaming' : 'failed'}" class="message assistant" aria-busy=${sending}>
            <span class="sender">${this.#assistantName}</span>
            <div part="bubble" class="bubble">${turn.text ? markdownView(turn.reply, i18n) : html`<span class="thinking">${i18n.thinking}</span>`}</div>
            ${sending ? nothing : html`<div class="meta"><span class="failed">${i18n.replyIncomplete}</span></div>`}
          </div>`
        : nothing}
      ${turn.phase === 'failed'
        ? html`<div part="error" class="error">
            <p role="alert">${this.errorText(turn.error)}</p>
            ${seconds ? html`<p>${i18n.retryIn(seconds)}</p>` : nothing}
            <button @click=${() => this.#retry()}>${i18n.retry}</button>
          </div>`
        : nothing}
    `;
  }

  #renderFooter(conversation: Conversation | null, i18n: Strings): TemplateResult {
    if (conversation?.status === 'closed') {
      const when = relativeTime(conversation.closedAt ?? conversation.updatedAt, localeOf(this));
      return html`<div part="footer" class="footer">
        <p>${i18n.closedAgo(when, conversation.closeReason)}</p>
        <button class="new-conversation primary" @click=${() => this.#startNew()}>${i18n.newConversation}</button>
      </div>`;
    }
    if (this.confirmingClose) {
      return html`<div part="footer" class="footer" role="group" aria-labelledby="confirm-text">
        <p id="confirm-text">${i18n.endConfirm}</p>
        <button class="confirm primary" @click=${() => this.#endConversation()}>${i18n.endConversation}</button>
        <button @click=${() => this.#cancelClose()}>${i18n.cancel}</button>
      </div>`;
    }
    const project = this.#projectTask.value;
    return renderComposer({
      i18n,
      draft: this.draft,
      placeholder: project?.chatWidgetConfig.inputPlaceholder || i18n.placeholder,
      sending: this.#sending,
      tooLong: this.tooLong,
      maxLength: MAX_MESSAGE_LENGTH,
      disabled: Boolean(this.conversationId && !conversation),
      onInput: (text) => {
        this.draft = text;
        this.tooLong = false;
      },
      onSend: () => this.#submit(),
      onStop: () => this.#stop(),
    });
  }
}
