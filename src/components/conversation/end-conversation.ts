import type {ReactiveControllerHost, TemplateResult} from 'lit';
import type {SiteAssistClient} from '../../api/client.js';
import type {Conversation} from '../../api/types.js';
import {ElementRef} from '../../internal/element-ref.js';
import {emit} from '../../internal/events.js';
import {relativeTime} from '../../internal/relative-time.js';
import {localeOf, type Strings} from '../../internal/strings.js';
import {renderClosedFooter, renderConfirmClose} from './footer.js';
import type {ShownConversation} from './shown-conversation.js';

export interface EndConversationOptions {
  /** The visitor confirmed: a send in progress and an earlier error are let go. */
  ending(): void;
  failed(error: unknown): void;
  /** Where focus goes once the next render is in. */
  focus(target: ElementRef<HTMLElement>): void;
}

/**
 * Ending the conversation and what follows: the end button asks in the footer, Cancel (or Escape)
 * goes back, Confirm closes it on the server; a closed conversation's footer offers a new one.
 */
export class EndConversation {
  /** The footer asks the visitor to confirm. */
  confirming = false;
  readonly #closeButton = new ElementRef<HTMLButtonElement>();
  readonly #confirmButton = new ElementRef<HTMLButtonElement>();
  readonly #newConversationButton = new ElementRef<HTMLButtonElement>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & {readonly client: SiteAssistClient | null; showWelcome(): void},
    private readonly shown: ShownConversation,
    private readonly options: EndConversationOptions
  ) {}

  /** The header's end button; null while the footer asks. */
  get closeButton(): ElementRef<HTMLButtonElement> | null {
    return this.confirming ? null : this.#closeButton;
  }

  readonly confirm = (): void => {
    this.#setConfirming(true);
    this.options.focus(this.#confirmButton);
  };

  readonly cancel = (): void => {
    this.#setConfirming(false);
    this.options.focus(this.#closeButton);
  };

  /** The footer of a closed conversation, or the confirmation; null when the composer belongs there. */
  render(conversation: Conversation | null, i18n: Strings): TemplateResult | null {
    if (conversation?.status === 'closed') {
      const closedAt = conversation.closedAt ?? conversation.updatedAt;
      const {closeReason} = conversation;
      // Under a minute the relative time is "now", and "Closed now" reads as an order.
      const closed =
        Date.now() - Date.parse(closedAt) < 60_000
          ? i18n.closedJustNow(closeReason)
          : i18n.closedAgo(relativeTime(closedAt, localeOf(this.host)), closeReason);
      return renderClosedFooter(closed, i18n, this.#newConversationButton, () => this.#startNew());
    }
    return this.confirming ? renderConfirmClose(i18n, this.#confirmButton, () => this.#end(), this.cancel) : null;
  }

  #setConfirming(confirming: boolean): void {
    this.confirming = confirming;
    this.host.requestUpdate();
  }

  async #end(): Promise<void> {
    const client = this.host.client;
    const conversation = this.shown.value;
    if (!client || !conversation) return;
    this.options.ending();
    try {
      await client.closeConversation(conversation.id);
    } catch (error) {
      return this.options.failed(error);
    }
    // Shown closed at once; the re-read the close triggers brings the server's reason and time.
    const shown = this.shown.value;
    if (shown?.id === conversation.id) this.shown.show({...shown, status: 'closed', closedAt: new Date().toISOString()});
    this.#setConfirming(false);
    this.options.focus(this.#newConversationButton);
    emit(this.host, 'sa-conversation-closed', {conversationId: conversation.id});
  }

  #startNew(): void {
    if (emit(this.host, 'sa-conversation-start', {}, true)) this.host.showWelcome();
  }
}
