/**
 * Drives and reads a `<sa-conversation>` the way a visitor does (in the manner of Material Web's test
 * harnesses): the markup's internal class names live here, so a change of markup touches one file.
 */
import {waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {$, $$, part, text, typeText} from './dom.js';

export class ConversationHarness {
  constructor(readonly element: HTMLElement) {}

  get input(): HTMLTextAreaElement {
    return $<HTMLTextAreaElement>(this.element, 'textarea')!;
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
    return !!$(this.element, '[part~="streaming"] [part~="bubble"]') && !this.thinking();
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
