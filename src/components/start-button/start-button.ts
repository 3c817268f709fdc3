import {html, nothing, type PropertyDeclarations} from 'lit';
import {emit} from '../../internal/events.js';
import {forTarget} from '../../internal/for-target.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import {SiteAssistElement, warnOnce} from '../../internal/siteassist-element.js';
import {styles} from './start-button.styles.js';

/**
 * Starts a new conversation when clicked.
 *
 * With `for` naming a `<sa-conversation>` by id (like `<label for>`), it opens that element's welcome
 * screen (the project's welcome message) and moves focus into its message box; the visitor's first
 * message creates the conversation there (and that element fires `sa-conversation-created`), so
 * a visitor who starts and writes nothing leaves no empty conversation behind. A
 * `<sa-conversation-list>` showing the same conversation element follows it:
 *
 * ```html
 * <sa-start-button api-key="pk_…" for="chat">Ask us anything</sa-start-button>
 * <sa-conversation api-key="pk_…" id="chat"></sa-conversation>
 * ```
 *
 * Without `for` it creates the conversation on the server at once (`POST /conversations`, with the
 * page URL as its context unless `no-page-context` is set) and fires `sa-conversation-created` for the
 * page to route; clicks while one is being created are ignored, so a double click creates one.
 * A `for` that names no `<sa-conversation>` is a setup mistake: the console says so and nothing starts.
 *
 * @tag sa-start-button
 * @summary A button that starts a new SiteAssist conversation.
 *
 * @fires sa-conversation-start - The visitor asked for a new conversation. Cancelable: cancel and nothing starts.
 * @fires sa-conversation-created - Without `for`: the conversation exists. Detail `{conversation}`.
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

  /** Leaves out the page URL (`context.pageUrl`) when it creates a conversation itself (without `for`). */
  noPageContext = false;

  /** Id of the `<sa-conversation>` that starts the new conversation, looked up like `<label for>`. */
  declare htmlFor?: string;

  private pending = false;
  private error: unknown = null;

  #countdown = new RetryCountdown(this, () => this.#start());

  #start = async (): Promise<void> => {
    const client = this.client;
    if (this.pending || !client) return;
    const target = forTarget<HTMLElement & {showWelcome?: () => void}>(this, this.htmlFor);
    if (this.htmlFor && target?.localName !== 'sa-conversation') {
      warnOnce(
        `<sa-start-button for="${this.htmlFor}"> names no <sa-conversation> on this page, so starting shows nothing. ` +
          `Give the <sa-conversation> id="${this.htmlFor}", or change for to its id.`
      );
      return;
    }
    if (!emit(this, 'sa-conversation-start', {}, true)) return;
    // The first message creates it there: a visitor who starts and writes nothing leaves nothing behind.
    if (target) return target.showWelcome?.();
    this.pending = true;
    this.error = null;
    this.#countdown.stop();
    try {
      const conversation = await client.createConversation(this.noPageContext ? null : {pageUrl: location.href});
      emit(this, 'sa-conversation-created', {conversation});
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
    return html`<span part="base">
      <button
        part="button"
        type="button"
        aria-disabled=${this.pending || !configured}
        aria-busy=${this.pending}
        @click=${this.#start}
      >
        ${this.error ? i18n.retry : html`<slot>${i18n.startConversation}</slot>`}
      </button>
      ${configured ? nothing : html`<span part="error" class="note">${i18n.missingConfig}</span>`}
      ${this.error ? html`<span part="error" role="alert">${this.errorText(this.error)}</span>` : nothing}
      ${this.#countdown.seconds ? html`<span class="note">${i18n.retryIn(this.#countdown.seconds)}</span>` : nothing}
    </span>`;
  }
}
