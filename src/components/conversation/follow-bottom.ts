import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {ElementRef} from '../../internal/element-ref.js';

/** How close to the bottom (px) still counts as reading the newest message. */
const BOTTOM_SLACK = 48;
/** What only a visitor does to move the log: wheel, touch, keys, a pointer on its scrollbar. */
const VISITOR_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'];

/**
 * Keeps a scrolling log at its newest content while the visitor is at the bottom; once they
 * scroll up, growth no longer moves them and `unseen` offers a jump back. The host renders
 * `scroller` and, inside it, `content`; this listens to the scroller's scrolling and input, and follows
 * size changes of either.
 */
export class FollowBottom implements ReactiveController {
  readonly scroller = new ElementRef<HTMLElement>();
  readonly content = new ElementRef<HTMLElement>();
  /** Content arrived below while the visitor read further up. */
  unseen = false;
  #atBottom = true;
  /** The scroll position #follow last set. */
  #followedTo = 0;
  /** The log's height when it was last scrolled or followed (after each resize). */
  #knownHeight = 0;
  /** The visitor moved the log with wheel, touch, keys or pointer since they last sent a message. */
  #visitorMoved = false;
  #listened?: Element;
  #observed?: Element;
  /** Made on the first observe, not in the constructor: a server (SSR) has no ResizeObserver. */
  #resizeObserver?: ResizeObserver;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  /** Follows the bottom again from the next growth on (a message sent, another conversation shown). */
  stayAtBottom(): void {
    this.#atBottom = true;
    this.#visitorMoved = false;
  }

  /** Forgets where the visitor was: a new log starts at its bottom with nothing unseen. */
  reset(): void {
    this.stayAtBottom();
    this.#setUnseen(false);
  }

  jumpToNewest(): void {
    this.reset();
    this.#follow();
  }

  #onScroll = (event: Event): void => {
    const scroller = event.currentTarget as HTMLElement;
    // A scroll nobody asked for: the log changed size under the view (a finished reply joins the log
    // and is laid out in two steps, and Firefox and WebKit clamp the position to the shorter log in
    // between; scroll events come before resize observations in a frame). The visitor's own
    // scrolling comes with input on the log, and a script's (the page, find-in-page) moves a log
    // whose size has not changed since it was last seen.
    const resized = scroller.scrollHeight !== this.#knownHeight;
    this.#knownHeight = scroller.scrollHeight;
    if (this.#atBottom && !this.#visitorMoved && resized) {
      requestAnimationFrame(() => this.#follow());
      return;
    }
    // Our own scroll to the bottom is reported after the reply may have grown again: only a move
    // above where we put it means the visitor left the bottom.
    this.#atBottom =
      scroller.scrollTop >= this.#followedTo - BOTTOM_SLACK || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= BOTTOM_SLACK;
    if (this.#atBottom) this.#setUnseen(false);
  };

  #onVisitorInput = (): void => {
    this.#visitorMoved = true;
  };

  hostUpdated(): void {
    const scroller = this.scroller.value;
    if (scroller && scroller !== this.#listened) {
      scroller.addEventListener('scroll', this.#onScroll, {passive: true});
      for (const type of VISITOR_INPUT) scroller.addEventListener(type, this.#onVisitorInput, {passive: true});
      this.#listened = scroller;
    }
    // Not observed again by an update that runs after removal (hostDisconnected let it go).
    const content = (this.host.isConnected && this.content.value) || undefined;
    if (content === this.#observed) return;
    this.#resizeObserver?.disconnect();
    // The scroller too: when it shrinks (a taller footer, the end confirmation) the newest message stays in view.
    if (content) {
      // Followed in the next frame, not inside the observer: scrolling brings messages into layout
      // (content-visibility), which resizes the content again in the same frame, and the browser then
      // reports "ResizeObserver loop completed with undelivered notifications" to the page's onerror.
      this.#resizeObserver ??= new ResizeObserver(() => requestAnimationFrame(() => this.#follow()));
      for (const box of [content, this.scroller.value!]) this.#resizeObserver.observe(box);
    }
    this.#observed = content;
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#observed = undefined;
  }

  #follow(): void {
    const scroller = this.scroller.value;
    if (!scroller) return;
    if (this.#atBottom) {
      // Not written when already there: it would move nothing, yet it stops a scroll the visitor has
      // just begun (WebKit's keyboard scrolling, yet to take its first step when a resize is reported).
      if (scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop >= 1) scroller.scrollTop = scroller.scrollHeight;
      this.#followedTo = scroller.scrollTop;
    } else if (scroller.scrollHeight > scroller.clientHeight) this.#setUnseen(true);
    this.#knownHeight = scroller.scrollHeight;
  }

  #setUnseen(unseen: boolean): void {
    if (unseen === this.unseen) return;
    this.unseen = unseen;
    this.host.requestUpdate();
  }
}
