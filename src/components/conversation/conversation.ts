import {html, isServer, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult} from 'lit';
import {ElementRef, elementRef} from '../../internal/element-ref.js';
import {Task, TaskStatus, initialState} from '../../internal/task.js';
import type {ConversationChangeEvent} from '../../api/client.js';
import type {Conversation} from '../../api/types.js';
import {emit} from '../../internal/events.js';
import {FocusAfterUpdate} from '../../internal/focus-after-update.js';
import {adoptCodeStyles} from '../../internal/markdown-render.js';
import {RelativeTimeController} from '../../internal/relative-time.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import {SiteAssistElement} from '../../internal/siteassist-element.js';
import {localeOf, type Strings} from '../../internal/strings.js';
import {applyBrand} from './brand.js';
import {Draft, fitInput, renderComposer} from './composer.js';
import {styles} from './conversation.styles.js';
import {EndConversation} from './end-conversation.js';
import {FeedbackAction} from './feedback-queue.js';
import {FollowBottom} from './follow-bottom.js';
import {HandOff} from './hand-off.js';
import {renderHeader} from './header.js';
import {LiveUpdates} from './live-updates.js';
import {DeferredMessages, renderLog} from './log-view.js';
import type {MessageContext} from './message-view.js';
import {ReadOnReconnect} from './read-on-reconnect.js';
import {renderPending, renderReadError, renderReading, renderWelcome, type ReadTask} from './reading-view.js';
import {SendController} from './send-controller.js';
import {ShownConversation} from './shown-conversation.js';
import {renderTurn, renderUnsent} from './turn-view.js';
import {isLocal, type Turn} from './turn.js';
import {UnfinishedReply} from './unfinished-reply.js';

/**
 * One SiteAssist conversation: its messages, a composer that streams the assistant's reply, live
 * messages from a human agent, feedback, and closing. Without a `conversation-id` it greets with
 * the project's welcome message and starts a conversation with the visitor's first message.
 * It follows the page's `color-scheme` (light when the page declares none); `theme="light"` or
 * `theme="dark"` pins a scheme and `theme="auto"` follows the OS. It is
 * 512px tall (more with a larger root font size) unless page CSS sizes it; the messages scroll inside.
 *
 * @tag sa-conversation
 * @summary A SiteAssist conversation with streaming replies and human hand-off.
 *
 * @fires sa-conversation-load - A conversation loaded (each time the shown conversation changes). `detail: {conversation}`
 * @fires sa-conversation-update - A re-read of the shown conversation changed its title, status, agent or last message. `detail: {conversation}`
 * @fires sa-conversation-welcome - It left a conversation for the welcome screen (a start button, "Start a new conversation", `conversation-id` removed). `detail: {}`
 * @fires sa-conversation-created - The visitor's first message started a new conversation. `detail: {conversation}`
 * @fires sa-conversation-start - The visitor asked for a new conversation after a closed one; cancelable. `detail: {}`
 * @fires sa-conversation-closed - The visitor ended the conversation. `detail: {conversationId}`
 * @fires sa-message-sent - The server has the visitor's message. `detail: {conversationId, content}`
 * @fires sa-message-received - An assistant reply finished (not one stopped, by Stop or by the server), or a human agent's message arrived; `text` has a blank line between the reply's text parts. `detail: {conversationId, message, text}`
 * @fires sa-error - Something failed; the element shows visitor words too. `detail: {code, status, message, retryAfter}`
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The bar with title, status, agent and the end button.
 * @csspart title - The conversation's title.
 * @csspart status - Open or closed.
 * @csspart agent - The human agent handling the conversation (name and avatar).
 * @csspart agent-joined - The line in the log where a human agent joined the conversation.
 * @csspart avatar - A human agent's picture or initials on their messages.
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
    actionError: {state: true, attribute: false},
  };

  /** The conversation to show. Empty: the welcome screen; the first message starts a conversation. */
  declare conversationId?: string;

  /** Do not send the page's URL, title and selected text with each message. */
  noPageContext = false;

  /** A failed action outside of sending (feedback, closing). */
  private actionError: unknown = null;

  readonly #shown = new ShownConversation(this, (conversation): Conversation => this.#feedback.overlay(conversation));
  readonly #draft = new Draft(this);
  readonly #input = new ElementRef<HTMLTextAreaElement>();

  readonly #conversationTask = new Task(this, {
    // After the render, not before: a first render then matches the server's (no task runs there), as hydration needs.
    autoRun: 'afterUpdate',
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
    // After the render, not before: a first render then matches the server's (no task runs there), as hydration needs.
    autoRun: 'afterUpdate',
    task: ([client], {signal}) => (client?.config.apiKey ? client.getProject(signal) : initialState),
    args: () => [this.client] as const,
    onComplete: (project) => applyBrand(this, project),
    onError: (error) => this.reportError(error),
  });

  readonly #feedback = new FeedbackAction(this.#shown, {
    client: () => this.client,
    chose: () => (this.actionError = null),
    failed: (error) => this.#fail(error),
  });
  readonly #loadCountdown = new RetryCountdown(this, () => this.#conversationTask.run());
  readonly #scroll = new FollowBottom(this);
  readonly #deferred = new DeferredMessages(this, {
    scroller: this.#scroll.scroller,
    locale: () => localeOf(this),
    showing: () => Boolean(this.conversationId),
    toNewest: () => this.#scroll.jumpToNewest(),
  });
  readonly #unfinishedReply = new UnfinishedReply(this);
  readonly #handOff = new HandOff(this);
  readonly #end = new EndConversation(this, this.#shown, {
    ending: () => {
      this.#send.drop();
      this.actionError = null;
    },
    failed: (error) => this.#fail(error),
    focus: (target) => this.#focus.move(target),
  });
  readonly #send = new SendController(this, this.#shown, {
    show: (conversation) => this.#show(conversation),
    reread: () => this.#conversationTask.run(),
    failed: (error) => this.reportError(error),
    sent: (content) => this.#draft.forget(content),
    retrying: () => this.#focus.move(this.#input),
  });
  readonly #focus = new FocusAfterUpdate(this);
  /** A server rendered this element (declarative shadow DOM): its first render is to equal the server's. */
  readonly #serverRendered = isServer || Boolean(this.shadowRoot);

  constructor() {
    super();
    new RelativeTimeController(this);
    new ReadOnReconnect(this, this.#conversationTask);
    // Lit still updates a removed element (its aborted read settles): that must not reopen the socket.
    new LiveUpdates(this, () => {
      const conversation = this.#shown.value;
      const client = this.client;
      return client && this.isConnected && conversation?.status === 'open' && conversation.id === this.conversationId
        ? {client, conversationId: conversation.id, humanHandled: conversation.isHumanHandled}
        : null;
    });
  }

  /** The controllers were told the element is in the page, and not since that it left. */
  #attached = false;

  // A move in the page (appendChild or insertBefore elsewhere; frameworks reordering keyed children)
  // disconnects and connects again in one task. The controllers hear of a removal only if the element
  // is still out of the page a task later: a move keeps the reply streaming (aborting its request would
  // stop it), failed and set-aside messages, countdowns, the socket and a pending read. A task, not a
  // microtask: a host that awaits between taking it out and putting it back in one task moves it too.
  // One deferral here, not one per controller, so each keeps plain connect and disconnect code.
  override connectedCallback(): void {
    // Moved: its new place may have another `lang`.
    if (this.#attached) return this.requestUpdate();
    this.#attached = true;
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    setTimeout(() => {
      if (this.isConnected || !this.#attached) return;
      this.#attached = false;
      super.disconnectedCallback();
    });
  }

  protected override conversationChanged(event: ConversationChangeEvent): void {
    // A send in progress re-reads when it ends; reading mid-stream would show half a reply twice.
    if (event.conversationId !== this.conversationId || this.#send.sending) return;
    this.#conversationTask.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A server-rendered first render is to equal the server's: the kept draft comes back in the next update.
    if (this.hasUpdated || !this.#serverRendered) {
      const created = Boolean(changed.has('conversationId') && !changed.get('conversationId') && this.conversationId && this.#shown.value?.id === this.conversationId);
      // Kept per key: a session token the host handed over is a credential, never a storage key.
      this.#draft.showFor(this.client?.config.apiKey, this.conversationId, created);
    } else if (!isServer) queueMicrotask(() => this.requestUpdate());
    if (!changed.has('conversationId')) return;
    if (this.#send.turn && this.#send.turn.conversationId !== this.conversationId) this.#send.drop();
    if (this.#shown.value?.id !== this.conversationId) {
      this.#send.drop();
      this.#shown.clear();
      this.#handOff.joinedAt = null;
      this.#loadCountdown.stop();
      this.#scroll.reset();
      this.#end.confirming = false;
      this.actionError = null;
    }
    if (!this.conversationId && changed.get('conversationId')) emit(this, 'sa-conversation-welcome', {});
  }

  protected override updated(): void {
    adoptCodeStyles(this.renderRoot as ShadowRoot);
    fitInput(this.#input.value);
  }

  /**
   * Moves focus to the message box (once the conversation has loaded), with `text` in it when given,
   * not sent. `<sa-launcher>` calls it when its panel opens.
   */
  focusComposer(text?: string): void {
    if (text !== undefined) this.#draft.set(text);
    this.#focus.move(this.#input);
  }

  /**
   * Shows the welcome screen and moves focus into the message box: the visitor's next message
   * starts a new conversation (`<sa-start-button for>` calls this).
   */
  showWelcome(): void {
    this.conversationId = undefined;
    this.#focus.move(this.#input);
  }

  /**
   * Whether the project's read is pending, or is about to be: it starts after the first update and
   * its pending state replaces the default welcome before anything is painted, so a first render
   * (one the server did not make) shows it pending at once instead of building that welcome for nothing.
   */
  get #readingProject(): boolean {
    if (this.#projectTask.status === TaskStatus.PENDING) return true;
    return !this.hasUpdated && !this.#serverRendered && Boolean(this.client?.config.apiKey);
  }

  get #assistantName(): string {
    const project = this.#projectTask.value;
    return project?.chatWidgetConfig.displayName || project?.name || this.i18n.assistant;
  }

  /** A read of the shown conversation: merged into what is shown, then told to what follows the reads. */
  #show(next: Conversation): void {
    if (next.id !== this.conversationId) return;
    const {conversation, agentMessages, agentJoined} = this.#shown.take(next);
    this.#draft.seen(next);
    this.#unfinishedReply.seen(conversation, this.#send.sending);
    this.#handOff.seen(conversation, agentMessages, agentJoined);
  }

  // Visitor actions.

  #submit(): void {
    this.#focus.move(this.#input);
    if (this.#send.sending || !this.client) return;
    // Placeholders of the last turn are not stored copies: a copy of this message comes after the stored ones.
    const content = this.#draft.take(this.#shown.value?.messages.filter((m) => !isLocal(m)).length ?? 0);
    if (!content) return;
    this.#scroll.stayAtBottom();
    this.#send.send(content);
  }

  #dismiss(turn: Turn): void {
    this.#send.dismiss(turn);
    this.#draft.forget(turn.content);
    this.#focus.move(this.#input);
  }

  #fail(error: unknown): void {
    this.actionError = error;
    this.reportError(error);
  }

  #jumpToNewest(): void {
    this.#scroll.jumpToNewest();
    this.#focus.move(this.#input);
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    if (this.#send.sending) this.#send.stop();
    else if (this.#end.confirming) this.#end.cancel();
    else return;
    event.stopPropagation();
  }

  // Rendering.

  override render(): TemplateResult {
    const i18n = this.i18n;
    if (!this.client) return html`<div part="base" class="base"><p class="notice">${i18n.missingConfig}</p></div>`;
    const conversation = this.#shown.value;
    const turn = this.#send.turn;
    const loading = this.conversationId ? this.#conversationTask.status === TaskStatus.PENDING : this.#readingProject;
    // A human agent writes back without a typing indicator, so none is announced for them.
    const typing = this.#send.sending && !conversation?.isHumanHandled;
    return html`<div part="base" class="base" @keydown=${this.#onKeydown} @pointerdown=${this.#send.rememberSelection}>
      ${renderHeader({
        i18n,
        conversation,
        assistantName: this.#assistantName,
        closeButton: this.#end.closeButton,
        onClose: this.#end.confirm,
      })}
      <section part="messages" class="messages" aria-labelledby="title" aria-busy=${loading} tabindex="0"
        ${elementRef(this.#scroll.scroller)}>
        <div class="content" ${elementRef(this.#scroll.content)}>
          ${conversation || turn
            ? renderLog({conversation, turn, keys: this.#shown.keys, joinedAt: this.#handOff.joinedAt, context: this.#messageContext(i18n), deferred: this.#deferred})
            : this.conversationId
              ? this.#renderReading(this.#conversationTask, i18n)
              : renderWelcome(
                  this.#projectTask.value?.chatWidgetConfig.welcomeMessage || i18n.welcome,
                  this.#readingProject ? renderPending(i18n) : this.#renderReading(this.#projectTask, i18n),
                  i18n
                )}
          ${turn
            ? renderTurn(turn, {
                i18n,
                assistantName: this.#assistantName,
                sending: this.#send.sending,
                humanHandled: Boolean(conversation?.isHumanHandled),
                retryIn: this.#send.countdown.seconds,
                errorText: (error) => this.errorText(error),
                onRetry: () => this.#send.retry(),
                onDismiss: () => this.#dismiss(turn),
              })
            : nothing}
          ${this.#send.unsent.map((unsent) =>
            renderUnsent(unsent, this.#messageContext(i18n), this.#send.sending, () => this.#send.retry(unsent), () => this.#dismiss(unsent))
          )}
        </div>
      </section>
      ${this.#scroll.unseen
        ? html`<button part="new-messages-button" class="new-messages" @click=${this.#jumpToNewest}>${i18n.newMessages}</button>`
        : nothing}
      <div role="status" class="visually-hidden">${typing ? i18n.typing : ''}</div>
      ${conversation && this.#conversationTask.status === TaskStatus.ERROR ? this.#renderError(this.#conversationTask, i18n) : nothing}
      ${this.actionError ? html`<p part="error" class="error" role="alert">${this.errorText(this.actionError)}</p>` : nothing}
      ${this.#renderFooter(conversation, i18n)}
    </div>`;
  }

  /** The conversation's or the project's read: pending, or failed with Try again; undefined otherwise. */
  #renderReading(task: ReadTask, i18n: Strings): unknown {
    return renderReading(task, i18n, () => this.#renderError(task, i18n));
  }

  #renderError(task: ReadTask, i18n: Strings): TemplateResult {
    // Only a conversation's read waits out a rate limit with a countdown.
    return renderReadError(task, this.errorText(task.error), task === this.#conversationTask ? this.#loadCountdown.seconds : 0, i18n);
  }

  #messageContext(i18n: Strings): MessageContext {
    return {
      i18n,
      locale: localeOf(this),
      assistantName: this.#assistantName,
      stopped: (message) => this.#shown.stopped(message),
      onFeedback: (message, value) => this.#feedback.set(message, value),
    };
  }

  #renderFooter(conversation: Conversation | null, i18n: Strings): TemplateResult {
    const footer = this.#end.render(conversation, i18n);
    if (footer) return footer;
    const project = this.#projectTask.value;
    // Writing to a person: the placeholder says to whom.
    const agentName = conversation?.isHumanHandled ? conversation.humanAgent?.name : null;
    return renderComposer({
      i18n,
      draft: this.#draft,
      inputRef: this.#input,
      placeholder: agentName ? i18n.placeholderTo(agentName) : project?.chatWidgetConfig.inputPlaceholder || i18n.placeholder,
      sending: this.#send.sending,
      disabled: Boolean(this.conversationId && !conversation),
      onSend: () => this.#submit(),
      onStop: () => this.#send.stop(),
    });
  }
}
