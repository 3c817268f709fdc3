import {html, nothing, type PropertyDeclarations} from 'lit';
import {emit} from '../../internal/events.js';
import {forTarget} from '../../internal/for-target.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import {SiteAssistElement} from '../../internal/siteassist-element.js';
import {styles} from './start-button.styles.js';

/**
 * Starts a new conversation when clicked (`POST /conversations`, with the page URL as its
 * context unless `no-page-context` is set). One conversation per click: clicks while one is being
 * created are ignored, so a double click creates one.
 *
 * Wiring without script: `for` names a `<sa-conversation>` by id (like `<label for>`); the new
 * conversation opens there unless a listener cancels `sa-conversation-created`. A
 * `<sa-conversation-list>` showing the same conversation element marks it too:
 *
 * ```html
 * <sa-start-button api-key="pk_…" for="chat">Ask us anything</sa-start-button>
 * <sa-conversation api-key="pk_…" id="chat"></sa-conversation>
 * ```
 *
 * @tag sa-start-button
 * @summary A button that starts a new SiteAssist conversation.
 *
 * @fires sa-conversation-start - Before the request. Cancelable: cancel and no conversation is created.
 * @fires sa-conversation-created - The conversation exists. Detail `{conversation}`. Cancelable: cancel to leave the `for` target as it is.
 * @fires sa-error - Creating failed. Detail `{code, status, message, retryAfter}`.
 *
 * @slot - The label. Defaults to "Start a conversation".
 *
 * @csspart base - The wrapper of the button and its messages.
 * @csspart button - The button.
 * @csspart error - What went wrong, or the missing-configuration note.
 *
 * @cssprop --sa-start-button-bg - Background.
 * @cssprop --sa-start-button-hover-bg - Background on hover.
 * @cssprop --sa-start-button-color - Text colour.
 * @cssprop --sa-start-button-border - Border.
 * @cssprop --sa-start-button-radius - Corner radius.
 * @cssprop --sa-start-button-padding - Padding.
 * @cssprop --sa-start-button-font-weight - Label weight.
 */
export class SaStartButton extends SiteAssistElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    noPageContext: {type: Boolean, attribute: 'no-page-context'},
    htmlFor: {attribute: 'for'},
    pending: {state: true, attribute: false},
    error: {state: true, attribute: false},
  };

  /** Leaves out the page URL (`context.pageUrl`) when starting a conversation. */
  noPageContext = false;

  /** Id of the `<sa-conversation>` that opens the new conversation, looked up like `<label for>`. */
  declare htmlFor?: string;

  private pending = false;
  private error: unknown = null;

  #countdown = new RetryCountdown(this, () => this.#start());

  #start = async (): Promise<void> => {
    const client = this.client;
    if (this.pending || !client || !emit(this, 'sa-conversation-start', {}, true)) return;
    this.pending = true;
    this.error = null;
    this.#countdown.stop();
    try {
      const conversation = await client.createConversation(this.noPageContext ? null : {pageUrl: location.href});
      if (!emit(this, 'sa-conversation-created', {conversation}, true)) return;
      const target = forTarget<HTMLElement & {conversationId?: string}>(this, this.htmlFor);
      if (target) target.conversationId = conversation.id;
    } catch (error) {
      this.error = error;
      this.reportError(error);
      this.#countdown.startFor(error);
    } finally {
      this.pending = false;
    }
  };

  override render() {
    const i18n = this.i18n;
    const configured = Boolean(this.client);
    // aria-disabled rather than disabled: a keyboard user's focus stays on the button while it works.
    return html`<span part="base" class="base">
      <button
        part="button" class="button"
        type="button"
        aria-disabled=${this.pending || !configured}
        aria-busy=${this.pending}
        @click=${this.#start}
      >
        ${this.error ? i18n.retry : html`<slot>${i18n.startConversation}</slot>`}
      </button>
      ${configured ? nothing : html`<span part="error" class="error note">${i18n.missingConfig}</span>`}
      ${this.error ? html`<span part="error" class="error" role="alert">${this.errorText(this.error)}</span>` : nothing}
      ${this.#countdown.seconds ? html`<span class="note">${i18n.retryIn(this.#countdown.seconds)}</span>` : nothing}
    </span>`;
  }
}
