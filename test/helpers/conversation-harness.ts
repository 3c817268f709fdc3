/**
 * Drives and reads a `<sa-conversation>` the way a visitor does (in the manner of Material Web's test
 * harnesses): the markup's internal class names live here, so a change of markup touches one file.
 */
import {sendKeys} from '@web/test-runner-commands';
import {$, $$, part, text, typeText, waitUntil} from './dom.js';

export class ConversationHarness {
  constructor(readonly element: HTMLElement) {}

  get input(): HTMLTextAreaElement {
    return $<HTMLTextAreaElement>(this.element, 'textarea')!;
  }

  /** Puts `message` in the composer at once (no key by key) and presses Send, once the composer is usable. */
  async submit(message: string): Promise<void> {
    await waitUntil(() => !this.input.disabled, 'the composer');
    this.input.value = message;
    this.input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await (this.element as HTMLElement & {updateComplete: Promise<unknown>}).updateComplete;
    part<HTMLButtonElement>(this.element, 'send-button')!.click();
  }

  /** Focus is in the message box. */
  composerFocused(): boolean {
    return this.element.shadowRoot!.activeElement === this.input;
  }

  /** The welcome message's text ('' when it is not shown). */
  welcome(): string {
    return text(part(this.element, 'welcome'));
  }

  /** The header's title. */
  title(): string {
    return text(part(this.element, 'title'));
  }

  /** The text of the first message from `role`. */
  messageText(role: 'user' | 'assistant' | 'human_agent'): string {
    return text(part(this.element, role)?.querySelector('[part~="bubble"]'));
  }

  /** An assistant reply is on its way: thinking, or its first words in view. */
  replying(): boolean {
    return !!$(this.element, '[part~="streaming"] [part~="bubble"]');
  }

  /** The last reply is complete (its feedback buttons are shown). */
  replied(): boolean {
    return !!part(this.element, 'feedback-button');
  }

  /** Presses Stop under a streaming reply. */
  stop(): void {
    part<HTMLButtonElement>(this.element, 'stop-button')!.click();
  }

  /** Types into the composer like a visitor and sends with Enter. */
  async send(message: string): Promise<void> {
    this.input.focus();
    await typeText(message);
    await sendKeys({press: 'Enter'});
  }

  /** The messages in the log, as "role: text". */
  messages(): string[] {
    return $$(this.element, '[role="log"] [part~="message"]')
      .map((m) => `${m.className.replace('message ', '')}: ${text(m.querySelector('[part~="bubble"]'))}`);
  }

  /** The log is shown and no read is under way. */
  loaded(): boolean {
    return !!$(this.element, '[role="log"]') && $(this.element, '.messages')!.getAttribute('aria-busy') === 'false';
  }

  waitForLoaded(): Promise<void> {
    return waitUntil(() => this.loaded(), 'expected the conversation');
  }

  /** The welcome is shown, with no notice of a missing configuration or a pending read. */
  welcomed(): boolean {
    return !!part(this.element, 'welcome') && !$(this.element, '.welcome .notice');
  }

  waitForWelcome(): Promise<void> {
    return waitUntil(() => this.welcomed(), 'expected the welcome');
  }

  /** The "thinking" indicator before the first words of a reply. */
  thinking(): boolean {
    return !!$(this.element, '.thinking');
  }

  /** A reply is streaming and its first words are in view. */
  streaming(): boolean {
    return this.replying() && !this.thinking();
  }

  /** The composer's note on the length, e.g. "1 characters over the limit". */
  counter(): string {
    return text($(this.element, '.counter'));
  }

  /** The note under a message of `role` that failed ("Not sent", "Reply incomplete"), or null. */
  failedNote(role: 'user' | 'assistant'): string | null {
    const note = part(this.element, role)?.querySelector('.failed');
    return note ? text(note) : null;
  }

  /** Who a message is from, as its header says. */
  sender(message: Element): string {
    return text(message.querySelector('.sender'));
  }

  /** The button that confirms closing the conversation. */
  confirmButton(): HTMLButtonElement | null {
    return $<HTMLButtonElement>(this.element, '.confirm');
  }

  /** The button that starts a new conversation (after one is closed, or from the header). */
  newConversationButton(): HTMLButtonElement | null {
    return $<HTMLButtonElement>(this.element, '.new-conversation');
  }

  /** The element-wide alert (not the composer's), as text. */
  alert(): string {
    return text($(this.element, '.base > [role="alert"]'));
  }
}
