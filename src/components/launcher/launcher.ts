import {html, isServer, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {Task, initialState} from '../../internal/task.js';
import type {ConversationChangeEvent} from '../../api/client.js';
import type {Message} from '../../api/types.js';
import {ElementRef, elementRef} from '../../internal/element-ref.js';
import {icon} from '../../internal/icons.js';
import {emit, type SiteAssistEventMap} from '../../internal/events.js';
import {SiteAssistElement} from '../../internal/siteassist-element.js';
import {applyBrand, setStyle} from '../conversation/brand.js';
import type {SaConversation} from '../conversation/conversation.js';
import {LiveUpdates} from '../conversation/live-updates.js';
import {loadState, saveState, type LauncherState} from './launcher-state.js';
import {styles} from './launcher.styles.js';
import {POSITIONS, launcherConfig, type LauncherConfig, type Position} from './widget-config.js';

/** The panel's narrow layout (it fills the viewport), as the styles' media query says. */
const PHONE = '(max-width: 480px)';

export interface OpenOptions {
  /** Text put in the message box, not sent. */
  message?: string;
}

const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`, 28);
const closeIcon = (size: number) => icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`, size);
const backIcon = icon(svg`<path d="M15 18l-6-6 6-6"/>`, 20);
const newIcon = icon(svg`<path d="M12 5v14M5 12h14"/>`, 20);

/** An assistant reply that finished, or a human agent's message: what counts as unread. */
const isReply = (message: Message) => message.role === 'human_agent' || (message.role === 'assistant' && message.status === 'complete');

/**
 * The site-wide chat: a round button fixed in a corner of the viewport, and the chat panel it
 * opens with the visitor's current conversation (a `<sa-conversation>`), a way to start a new one,
 * and their earlier conversations (a `<sa-conversation-list>`). Position, size, colours and icon
 * come from the project's `chatWidgetConfig`; attributes and CSS custom properties override them.
 * It remembers, per key and across page loads and tabs, whether the panel was open and the
 * conversation the visitor was in, and counts replies that arrive while it is closed.
 *
 * Until the visitor opens it, it reads only the project and renders no panel. The one-line install
 * is the CDN script with `data-launcher`: `<script src="…/siteassist-elements.js" data-api-key="pk_…" data-launcher defer>`.
 * `window.SiteAssist('open' | 'close' | 'toggle' | 'init', …)`, links to `#sa-chat` and elements
 * with `data-sa-open` control it from the page.
 *
 * @tag sa-launcher
 * @summary A launcher button and chat panel: the whole widget in one element.
 *
 * @fires sa-launcher-open - The panel opened. `detail: {}`
 * @fires sa-launcher-close - The panel closed. `detail: {}`
 *
 * @csspart base - The wrapper of the button and the panel.
 * @csspart button - The round launcher button.
 * @csspart icon - The button's image (`chatButtonIcon`) when the project has one.
 * @csspart badge - The unread count on the button.
 * @csspart panel - The chat panel (`role="dialog"`).
 * @csspart header - The panel's title bar.
 * @csspart avatar - The assistant's image (`assistantAvatar`) in the title bar.
 * @csspart title - The panel's title (`displayName`, else the project's name).
 * @csspart header-button - The back, new-conversation and close buttons.
 * @csspart conversation - The `<sa-conversation>` inside.
 * @csspart conversation-list - The `<sa-conversation-list>` of earlier conversations.
 * @csspart error - The missing-configuration note, shown in the button's place.
 *
 * @cssprop --sa-launcher-offset-x - Distance from the left or right edge. Defaults to the project's `offset.x`, else 20px.
 * @cssprop --sa-launcher-offset-y - Distance from the bottom edge. Defaults to the project's `offset.y`, else 20px.
 * @cssprop --sa-launcher-button-size - Diameter of the button (56px).
 * @cssprop --sa-launcher-button-radius - Corner radius of the button; defaults to the project's `bubbleRadius`, else round.
 * @cssprop --sa-launcher-button-bg - Background of the button; defaults to the project's `chatButtonColor`, else the accent.
 * @cssprop --sa-launcher-button-color - Icon colour on the button.
 * @cssprop --sa-launcher-width - Width of the panel; defaults to the project's `width`, else 400px.
 * @cssprop --sa-launcher-max-height - Largest height of the panel; defaults to the project's `maxHeight`, else 680px.
 * @cssprop --sa-launcher-z-index - Stacking order over the page.
 */
export class SaLauncher extends SiteAssistElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    isOpen: {type: Boolean, attribute: 'open', reflect: true},
    position: {},
    theme: {reflect: true},
    conversationId: {state: true, attribute: false},
    view: {state: true, attribute: false},
    unread: {state: true, attribute: false},
    mounted: {state: true, attribute: false},
    announcement: {state: true, attribute: false},
  };

  /** The panel is open (reflected as `open`, for page CSS). Use `open()`, `close()` and `toggle()` to change it as the visitor would. */
  isOpen = false;

  /** `bottom-right` or `bottom-left`; overrides the project's `position` (default bottom-right). */
  declare position?: Position;

  /** `light` or `dark` pins the colour scheme of the button, the panel and the elements in it. */
  declare theme?: string;

  private conversationId?: string;
  private view: 'chat' | 'list' = 'chat';
  private unread = 0;
  /** The panel has been opened on this page: its content stays, so a reply in progress is not cut off. */
  private mounted = false;
  private announcement = '';

  /** The project's launcher settings, checked (CSS.supports): taken in when read, not while rendering. */
  #config: LauncherConfig | null = null;
  #key: string | null = null;
  #state: LauncherState | null = null;
  /** The conversation restored from storage: shown again only while it is open. */
  #restoredId: string | null = null;
  /** Open/close that did not come from the visitor or the page (a restore) fire no event and move no focus. */
  #quiet = false;
  #focusOnOpen = false;
  #returnFocus = false;
  #draft: string | undefined;
  // Focus targets, named in code rather than found by class.
  readonly #button = new ElementRef<HTMLButtonElement>();
  readonly #panel = new ElementRef<HTMLElement>();
  readonly #back = new ElementRef<HTMLButtonElement>();
  #delayTimer?: ReturnType<typeof setTimeout>;
  #phone: MediaQueryList | null = null;
  #lockedOverflow: string | null = null;

  constructor() {
    super();
    // The project's look and settings: the only read before the visitor opens the panel.
    new Task(this, {
      // After the render, not before: the first render then matches a server's, where no task runs.
      autoRun: 'afterUpdate',
      task: ([client], {signal}) => (client?.config.apiKey ? client.getProject(signal) : initialState),
      args: () => [this.client] as const,
      onComplete: (project) => {
        applyBrand(this, project);
        const config = (this.#config = launcherConfig(project));
        for (const [name, value] of Object.entries(config.style)) setStyle(this, name, value);
        this.#scheduleOpen(config);
      },
      onError: (error) => this.reportError(error),
    });
    // While the panel has never been opened on this page, a remembered conversation a human handles
    // is watched here (afterwards the <sa-conversation> inside does it, and counts what arrives).
    new LiveUpdates(this, () => {
      const client = this.client;
      const state = this.#state;
      return client && this.isConnected && !this.mounted && state?.conversationId && state.humanHandled
        ? {client, conversationId: state.conversationId, humanHandled: true}
        : null;
    });
  }

  /** Opens the panel and moves focus to its message box, with `message` in it (not sent) when given. */
  open(options: OpenOptions = {}): void {
    this.#draft = options.message;
    this.#focusOnOpen = true;
    if (this.isOpen) this.#focusComposer();
    this.isOpen = true;
  }

  /** Closes the panel; focus inside it returns to the launcher button. */
  close(): void {
    this.isOpen = false;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#phone = window.matchMedia(PHONE);
    this.#phone.addEventListener('change', this.#onLayout);
    window.visualViewport?.addEventListener('resize', this.#onLayout);
    window.visualViewport?.addEventListener('scroll', this.#onLayout);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#delayTimer);
    this.#phone?.removeEventListener('change', this.#onLayout);
    window.visualViewport?.removeEventListener('resize', this.#onLayout);
    window.visualViewport?.removeEventListener('scroll', this.#onLayout);
    this.#lockPage(false);
  }

  protected override conversationChanged(event: ConversationChangeEvent): void {
    if (!this.mounted && event.conversationId === this.#state?.conversationId) this.#countUnread();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (isServer) return;
    // The first update's `false` is no change.
    if (changed.has('isOpen') && (this.isOpen || changed.get('isOpen') !== undefined)) {
      this.announcement = this.isOpen ? this.i18n.chatOpened : this.i18n.chatClosed;
      if (this.isOpen) {
        this.mounted = true;
        this.view = 'chat';
        this.unread = 0;
      }
      // Asked before the panel hides: once hidden, focus inside it is already lost.
      this.#returnFocus = !this.isOpen && Boolean(this.#panel.value?.matches(':focus-within'));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // After a render, so the first one is what a server renders (no storage there); again when the key changes.
    const config = this.client?.config;
    const key = config ? config.apiKey ?? config.token ?? null : null;
    if (key !== this.#key) {
      this.#key = key;
      if (key) this.#restore(loadState(key));
    }
    if (changed.has('isOpen') && (this.isOpen || changed.get('isOpen') !== undefined)) this.#openChanged();
  }

  #restore(state: LauncherState): void {
    this.#state = state;
    this.#restoredId = state.conversationId;
    this.conversationId = state.conversationId ?? undefined;
    this.unread = state.unread;
    if (state.open && !this.isOpen) {
      this.#quiet = true;
      this.isOpen = true;
    }
    // Replies may have come while the visitor was away.
    if (!state.open && state.conversationId && state.humanHandled) this.#countUnread();
  }

  #save(changes: Partial<LauncherState>): void {
    if (!this.#state || !this.#key) return;
    Object.assign(this.#state, changes);
    saveState(this.#key, this.#state);
  }

  #openChanged(): void {
    const open = this.isOpen;
    const quiet = this.#quiet;
    this.#quiet = false;
    this.#save({open, unread: this.unread, ...(open || quiet ? {} : {everClosed: true})});
    if (!open) this.#rememberSeen();
    this.#onLayout();
    if (open) {
      if (this.#focusOnOpen) this.#focusComposer();
    } else if (this.#returnFocus) {
      // Focus inside the closing panel goes back to the button, not to the top of the page.
      this.#button.value?.focus();
    }
    this.#focusOnOpen = false;
    if (!quiet) emit(this, open ? 'sa-launcher-open' : 'sa-launcher-close', {});
  }

  #conversation(): SaConversation | null {
    return this.renderRoot.querySelector('sa-conversation');
  }

  #focusComposer(): void {
    const chat = this.#conversation();
    const draft = this.#draft;
    this.#draft = undefined;
    // Into the panel at once, so Escape works and a reader is in the dialog; the message box takes it once it can.
    this.#panel.value?.focus();
    chat?.focusComposer?.(draft);
  }

  #scheduleOpen({openDelay}: LauncherConfig): void {
    clearTimeout(this.#delayTimer);
    const state = this.#state;
    if (!openDelay || !state || state.everClosed || state.autoOpened || this.isOpen) return;
    this.#delayTimer = setTimeout(() => {
      if (this.isOpen || this.#state?.everClosed) return;
      this.#save({autoOpened: true});
      // Opening by itself does not take focus away from what the visitor is doing.
      this.isOpen = true;
    }, openDelay);
  }

  /**
   * Remembers how much of the conversation the visitor saw before closing, for the count after a
   * reload. The read is usually the one the panel's conversation just cached.
   */
  async #rememberSeen(): Promise<void> {
    const client = this.client;
    const id = this.#state?.conversationId;
    if (!client || !id || !this.mounted) return;
    try {
      const {messages} = await client.getConversation(id);
      if (this.#state?.conversationId === id) this.#save({seen: messages.length - this.unread});
    } catch {
      // Unknown: the last count stays.
    }
  }

  /** Counts, from a fresh read, the replies in the remembered conversation since the visitor last saw it. */
  async #countUnread(): Promise<void> {
    const client = this.client;
    const state = this.#state;
    const id = state?.conversationId;
    if (!client || !id || this.isOpen) return;
    try {
      const conversation = await client.getConversation(id);
      if (this.mounted || this.#state?.conversationId !== id) return;
      this.#setUnread(conversation.messages.slice(state.seen).filter(isReply).length);
      this.#save({humanHandled: conversation.isHumanHandled && conversation.status === 'open'});
    } catch {
      // A failed read says nothing to the visitor: the next change reads again.
    }
  }

  #setUnread(unread: number): void {
    if (unread === this.unread) return;
    this.unread = unread;
    this.announcement = unread ? this.i18n.unreadMessages(unread) : '';
    this.#save({unread});
  }

  // What the elements in the panel tell: the conversation the visitor is in, and replies.

  #onCreated(event: SiteAssistEventMap['sa-conversation-created']): void {
    this.conversationId = event.detail.conversation.id;
    this.#save({conversationId: this.conversationId, humanHandled: false, seen: 0});
  }

  #onLoad(event: SiteAssistEventMap['sa-conversation-load']): void {
    const {conversation} = event.detail;
    if (event.target !== this.#conversation()) return;
    const open = conversation.status === 'open';
    if (!open && conversation.id === this.#restoredId) {
      // Ended since the visitor was last here: not reopened by itself.
      this.conversationId = undefined;
    } else this.conversationId = conversation.id;
    this.#restoredId = null;
    this.#save({conversationId: open ? conversation.id : null, humanHandled: open && conversation.isHumanHandled});
  }

  #onClosed(): void {
    this.#save({conversationId: null, humanHandled: false});
  }

  #onStart(event: Event): void {
    if (event.target !== this.#conversation() || event.defaultPrevented) return;
    this.conversationId = undefined;
    this.#save({conversationId: null, humanHandled: false});
  }

  #onReceived(event: SiteAssistEventMap['sa-message-received']): void {
    const {message} = event.detail;
    if (message?.role === 'human_agent') this.#save({humanHandled: true});
    if (!this.isOpen) this.#setUnread(this.unread + 1);
  }

  #onSelect(event: SiteAssistEventMap['sa-conversation-select']): void {
    this.conversationId = event.detail.conversationId;
    this.#restoredId = null;
    this.view = 'chat';
    this.#focusOnOpen = false;
    this.updateComplete.then(() => this.#focusComposer());
  }

  #startNew(): void {
    this.conversationId = undefined;
    this.view = 'chat';
    this.#save({conversationId: null, humanHandled: false});
    this.updateComplete.then(() => this.#focusComposer());
  }

  #showList(): void {
    this.view = 'list';
    this.updateComplete.then(() => this.#back.value?.focus());
  }

  #showChat(): void {
    this.view = 'chat';
    this.updateComplete.then(() => this.#focusComposer());
  }

  #onKeydown(event: KeyboardEvent): void {
    // The conversation keeps Escape for itself while it stops a reply or cancels ending (it stops the event).
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.close();
  }

  // The phone layout: the panel fills the visual viewport (above an on-screen keyboard), the page stays put.

  #onLayout = (): void => {
    const phone = Boolean(this.#phone?.matches) && this.isOpen;
    const viewport = phone ? window.visualViewport : null;
    setStyle(this, '--_viewport-height', viewport && `${viewport.height}px`);
    setStyle(this, '--_viewport-top', viewport && `${viewport.offsetTop}px`);
    this.#lockPage(phone);
  };

  /** Stops the page behind a full-screen panel from scrolling; puts back what the page had. */
  #lockPage(lock: boolean): void {
    const root = document.documentElement;
    if (lock && this.#lockedOverflow === null) {
      this.#lockedOverflow = root.style.overflow;
      root.style.overflow = 'hidden';
    } else if (!lock && this.#lockedOverflow !== null) {
      root.style.overflow = this.#lockedOverflow;
      this.#lockedOverflow = null;
    }
  }

  // Rendering.

  override render(): TemplateResult {
    const i18n = this.i18n;
    const config = this.#config;
    const position = POSITIONS.includes(this.position!) ? this.position! : config?.position ?? 'bottom-right';
    const unread = this.isOpen ? 0 : this.unread;
    // A site owner who forgot the key sees why there is no chat, where the button would be.
    if (!this.client) return html`<div part="base" class="base ${position}"><p part="error" class="note">${i18n.missingConfig}</p></div>`;
    return html`<div part="base" class="base ${position}">
      ${this.mounted ? this.#renderPanel(config) : nothing}
      <button
        part="button"
        class="launcher"
        ${elementRef(this.#button)}
        type="button"
        aria-expanded=${this.isOpen}
        aria-controls=${ifDefined(this.mounted ? 'panel' : undefined)}
        aria-label=${this.isOpen ? i18n.closeChat : i18n.openChat(unread)}
        @click=${() => this.toggle()}
      >
        ${this.isOpen ? closeIcon(28) : config?.icon ? html`<img part="icon" src=${config.icon} alt="" />` : chatIcon}
        ${unread ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </div>`;
  }

  #renderPanel(config: LauncherConfig | null): TemplateResult {
    const i18n = this.i18n;
    const client = this.client;
    const chat = this.view === 'chat';
    return html`<div
      part="panel"
      id="panel"
      class="panel"
      ${elementRef(this.#panel)}
      role="dialog"
      aria-labelledby="panel-title"
      tabindex="-1"
      ?hidden=${!this.isOpen}
      @keydown=${this.#onKeydown}
      @sa-conversation-created=${this.#onCreated}
      @sa-conversation-load=${this.#onLoad}
      @sa-conversation-closed=${this.#onClosed}
      @sa-conversation-start=${this.#onStart}
      @sa-message-received=${this.#onReceived}
      @sa-conversation-select=${this.#onSelect}
    >
      <div part="header" class="header">
        <button
          part="header-button"
          class="back"
          ${elementRef(this.#back)}
          type="button"
          aria-label=${chat ? i18n.earlierConversations : i18n.backToChat}
          title=${chat ? i18n.earlierConversations : i18n.backToChat}
          @click=${chat ? this.#showList : this.#showChat}
        >${backIcon}</button>
        ${config?.avatar ? html`<img part="avatar" class="avatar" src=${config.avatar} alt="" width="32" height="32" />` : nothing}
        <h2 part="title" class="title" id="panel-title">${config?.title || i18n.assistant}</h2>
        <button part="header-button" class="new" type="button" aria-label=${i18n.newConversation} title=${i18n.newConversation} @click=${this.#startNew}>
          ${newIcon}
        </button>
        <button part="header-button" class="close" type="button" aria-label=${i18n.closeChat} title=${i18n.closeChat} @click=${() => this.close()}>
          ${closeIcon(20)}
        </button>
      </div>
      ${chat
        ? nothing
        : html`<sa-conversation-list
            part="conversation-list"
            class="list"
            .client=${client}
            .strings=${this.strings}
            theme=${ifDefined(this.theme)}
            selected=${ifDefined(this.conversationId)}
            aria-label=${i18n.earlierConversations}
          ></sa-conversation-list>`}
      <sa-conversation
        part="conversation"
        class="conversation"
        ?hidden=${!chat}
        .client=${client}
        .strings=${this.strings}
        .conversationId=${this.conversationId}
        theme=${ifDefined(this.theme)}
      ></sa-conversation>
    </div>`;
  }
}
