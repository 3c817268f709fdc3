/**
 * Reads and drives a `<sa-start-button>` as a visitor does (Material Web's harness shape): its
 * internal markup lives here, so a change of it touches one file.
 */
import {part, text} from './dom.js';

export class StartButtonHarness {
  constructor(readonly element: HTMLElement) {}

  /** The button a visitor presses. */
  get button(): HTMLButtonElement {
    return part<HTMLButtonElement>(this.element, 'button')!;
  }

  /** The nodes the page gave as its label (none: the default label shows). */
  labelNodes(): Node[] {
    return this.button.querySelector('slot')!.assignedNodes();
  }

  /** The label a visitor reads when the page gave none. */
  defaultLabel(): string {
    return text(this.button.querySelector('slot'));
  }

  /** What went wrong, in visitor words, from the alert; '' when nothing did. */
  alert(): string {
    return text(this.element.shadowRoot!.querySelector('[role="alert"]'));
  }

  /** Whether an alert is shown. */
  alerting(): boolean {
    return !!this.element.shadowRoot!.querySelector('[role="alert"]');
  }

  /** The note shown when the button cannot work (no key). */
  error(): string {
    return text(part(this.element, 'error'));
  }
}
