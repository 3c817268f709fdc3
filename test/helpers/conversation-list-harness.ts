/**
 * Reads and drives a `<sa-conversation-list>` as a visitor does (Material Web's harness shape): the
 * markup's internal classes and roles live here, so a change of markup touches one file.
 */
import {$, $$, part, text, waitUntil} from './dom.js';

export class ConversationListHarness {
  constructor(readonly element: HTMLElement) {}

  /** The rows, as the buttons a visitor selects. */
  rows(): HTMLButtonElement[] {
    return $$<HTMLButtonElement>(this.element, '[part~="item"]');
  }

  /** The conversation id of each row, in order. */
  ids(): string[] {
    return this.rows().map((row) => row.dataset.id!);
  }

  /** The row marked as the one its `for` target shows, or null. */
  current(): HTMLButtonElement | null {
    return this.rows().find((row) => row.getAttribute('aria-current') === 'true') ?? null;
  }

  /** A read of the list is under way. */
  busy(): boolean {
    return part(this.element, 'base')?.getAttribute('aria-busy') === 'true';
  }

  /** Waits until `count` rows are shown and no read is under way. */
  waitForRows(count: number): Promise<void> {
    return waitUntil(() => this.rows().length === count && !this.busy(), `expected ${count} rows`);
  }

  /** "12 conversations", or '' when not shown. */
  total(): string {
    return text(part(this.element, 'total'));
  }

  /** The decorative placeholder rows shown before the first page. */
  skeleton(): HTMLElement | null {
    return $(this.element, '.skeleton');
  }

  /** What the list's hidden status line says ("Loading…"). */
  status(): string {
    return text($(this.element, '[role="status"]'));
  }

  /** The error box (what went wrong, a countdown, Retry), or null. */
  error(): HTMLElement | null {
    return part(this.element, 'error');
  }

  /** The error's alert line, in visitor words. */
  alert(): string {
    return text(this.error()?.querySelector('[role="alert"]'));
  }

  /** Presses the error's Retry. */
  retry(): void {
    this.error()!.querySelector('button')!.click();
  }

  /** The "Load more" button, or null when every row is shown. */
  loadMore(): HTMLButtonElement | null {
    return part<HTMLButtonElement>(this.element, 'load-more');
  }

  /** The elements the page put in the empty state's slot. */
  emptySlotted(): Element[] {
    return part(this.element, 'empty')?.querySelector('slot')?.assignedElements() ?? [];
  }
}
