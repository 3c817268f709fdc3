/**
 * Drives a `<sa-launcher>` as a visitor does and reads what they see, so the tests do not depend on
 * its markup (Material Web's harness shape). Works on the built CDN file's elements too.
 */
import {sendKeys} from '@web/test-runner-commands';
import {typeText, waitUntil} from './dom.js';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The focused element of `doc`, through shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export class LauncherHarness {
  constructor(readonly el: HTMLElement) {}

  #part(name: string): HTMLElement | null {
    return this.el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  get button(): HTMLButtonElement {
    return this.#part('button') as HTMLButtonElement;
  }

  /** The dialog, when it is rendered (shown or not). */
  get panel(): HTMLElement | null {
    return this.#part('panel');
  }

  get conversation(): HTMLElement & {conversationId?: string} {
    return this.#part('conversation') as HTMLElement;
  }

  get list(): HTMLElement | null {
    return this.#part('conversation-list');
  }

  get input(): HTMLTextAreaElement | null {
    return this.conversation?.shadowRoot?.querySelector('textarea') ?? null;
  }

  get isOpen(): boolean {
    const panel = this.panel;
    return Boolean(panel && !panel.hidden && panel.getBoundingClientRect().height > 0);
  }

  get label(): string {
    return this.button.getAttribute('aria-label') ?? '';
  }

  get badge(): string {
    return text(this.#part('badge'));
  }

  get title(): string {
    return text(this.#part('title'));
  }

  /** What the live region says. */
  get announcement(): string {
    return text(this.el.shadowRoot!.querySelector('[role="status"]'));
  }

  headerButton(label: string): HTMLButtonElement {
    const buttons = [...this.el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="header-button"]')];
    const found = buttons.find((button) => button.getAttribute('aria-label') === label);
    if (!found) throw new Error(`no header button "${label}"`);
    return found;
  }

  welcome(): string {
    return text(this.conversation?.shadowRoot?.querySelector('[part~="welcome"]'));
  }

  messages(): string[] {
    return [...(this.conversation?.shadowRoot?.querySelectorAll('[role="log"] [part~="bubble"]') ?? [])].map(text);
  }

  async clickButton(): Promise<void> {
    this.button.click();
    await (this.el as unknown as {updateComplete: Promise<unknown>}).updateComplete;
  }

  async waitForComposerFocus(): Promise<void> {
    await waitUntil(() => this.input && deepActiveElement(this.el.ownerDocument) === this.input, 'focus in the message box');
  }

  /** Types into the open panel's message box and sends with Enter; resolves when the reply is complete. */
  async send(message: string): Promise<void> {
    await waitUntil(() => this.input && !this.input.disabled, 'the composer');
    this.input!.focus();
    await typeText(message);
    await sendKeys({press: 'Enter'});
    await waitUntil(
      () => this.conversation.shadowRoot!.querySelector('[part~="feedback-button"]') || this.messages().length >= 1,
      'the message shown'
    );
  }

  async waitForReply(count = 1): Promise<void> {
    await waitUntil(() => (this.conversation.shadowRoot!.querySelectorAll('[part~="feedback-button"]').length ?? 0) >= count * 2, 'the reply');
  }

  /** Ends the conversation from its own header, confirming, as a visitor does. */
  async endConversation(): Promise<void> {
    const root = this.conversation.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part~="close-button"]')!.click();
    await waitUntil(() => root.querySelector('.confirm'), 'the confirmation');
    root.querySelector<HTMLButtonElement>('.confirm')!.click();
    await waitUntil(() => root.querySelector('.new-conversation'), 'the conversation ended');
  }

  /** The list rows' titles, in the back view. */
  rows(): HTMLElement[] {
    return [...(this.list?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="item"]') ?? [])];
  }
}
