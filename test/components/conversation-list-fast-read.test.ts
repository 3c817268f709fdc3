/**
 * A fast read (loopback, a near server) for a visitor this device knows: its rows are painted
 * before ICU's start-up (~18 ms of main thread, a page's first Intl formatter), never after it,
 * even when the main thread's first idle moment comes between the rows' render and their paint;
 * their times follow. A file of its own: the page must not have built any Intl formatter before this test.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {ConversationListHarness} from '../helpers/conversation-list-harness.js';
import {text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, resetEmulator, seed} from '../helpers/emulator.js';
import {countRelativeTimeFormats, formats} from '../helpers/relative-time-formats.js';

/** Idle callbacks held until the rows are in the DOM, then run at once: the main thread's first idle moment falls there. */
const held: Array<() => void> = [];
const nativeIdle = globalThis.requestIdleCallback as typeof requestIdleCallback | undefined;
const nativeTimeout = globalThis.setTimeout;

describe('<sa-conversation-list>: a fast read', () => {
  countRelativeTimeFormats();
  const global = globalThis as {requestIdleCallback?: unknown};
  const restore = () => {
    if (nativeIdle) global.requestIdleCallback = nativeIdle;
    else globalThis.setTimeout = nativeTimeout;
  };
  before(resetEmulator);
  after(restore);

  it('paints its rows before the relative-time formatter is built, and shows their times after', async () => {
    await seed(12);
    // Engines without requestIdleCallback (WebKit) take the setTimeout fallback (no delay): hold that one there.
    if (nativeIdle) global.requestIdleCallback = (callback: () => void) => (held.push(callback), 0);
    else {
      globalThis.setTimeout = ((callback: () => void, delay?: number, ...rest: unknown[]) =>
        delay === undefined ? (held.push(callback), 0) : nativeTimeout(callback, delay, ...rest)) as typeof setTimeout;
    }
    let rowsFrame: number | undefined;
    const el = await fixture<SaConversationList>(html`<sa-conversation-list limit="12" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    const harness = new ConversationListHarness(el);
    // The moment the rows are in the DOM (a microtask after their render), the idle callbacks asked for so far run.
    const observer = new MutationObserver(() => {
      if (!harness.rows().length) return;
      observer.disconnect();
      restore();
      held.splice(0).forEach((callback) => callback());
    });
    observer.observe(el.shadowRoot!, {childList: true, subtree: true});
    // Each frame's rAF callback runs before that frame paints: the first to see the rows is the frame that paints them.
    const watch = () => {
      if (harness.rows().length) rowsFrame = performance.now();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);

    await waitUntil(() => rowsFrame !== undefined, 'the frame that paints the rows');
    const rows = harness.rows();
    expect(rows).to.have.length(12);
    await waitUntil(() => rows.every((row) => /ago$/.test(text(row.querySelector('time')))), 'every time, once ICU is ready');
    expect(formats.locales, 'one formatter').to.have.length(1);
    expect(formats.at[0], 'built after the rows\' frame').to.be.greaterThan(rowsFrame!);
  });
});
