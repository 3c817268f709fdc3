/**
 * The list's first paint does not wait for ICU: a page's first Intl formatter costs ~18 ms of main
 * thread, built in idle time. When the rows come before the main thread was idle (a fast read), they
 * show complete but for their times, which follow once the formatter is built.
 * A file of its own: the page must not have built any Intl formatter before this test.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {ConversationListHarness} from '../helpers/conversation-list-harness.js';
import {text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, resetEmulator, seed} from '../helpers/emulator.js';

const NativeRelativeTimeFormat = Intl.RelativeTimeFormat;
let built = 0;
/** Counts the relative-time formatters built. */
class CountedRelativeTimeFormat extends NativeRelativeTimeFormat {
  constructor(locale?: Intl.LocalesArgument, options?: Intl.RelativeTimeFormatOptions) {
    super(locale, options);
    built++;
  }
}

/** Idle callbacks held until `releaseIdle()`: the main thread is "busy" until then, as on a page doing its own work. */
const held: Array<() => void> = [];
const nativeIdle = globalThis.requestIdleCallback as typeof requestIdleCallback | undefined;
const nativeTimeout = globalThis.setTimeout;
const releaseIdle = () => held.splice(0).forEach((callback) => callback());

describe('<sa-conversation-list>: first paint before ICU', () => {
  const intl = Intl as {RelativeTimeFormat: typeof NativeRelativeTimeFormat};
  const global = globalThis as {requestIdleCallback?: unknown};
  before(() => {
    intl.RelativeTimeFormat = CountedRelativeTimeFormat;
    // Engines without requestIdleCallback (WebKit) take the setTimeout fallback: hold that one there.
    if (nativeIdle) global.requestIdleCallback = (callback: () => void) => (held.push(callback), 0);
  });
  after(() => {
    intl.RelativeTimeFormat = NativeRelativeTimeFormat;
    if (nativeIdle) global.requestIdleCallback = nativeIdle;
    else globalThis.setTimeout = nativeTimeout;
  });
  beforeEach(resetEmulator);

  it('shows every row with its title and preview before the relative-time formatter exists, and its time once it does', async () => {
    await seed(12);
    if (!nativeIdle) {
      // Only the list's zero-delay fallback is held; every other timer runs.
      globalThis.setTimeout = ((callback: () => void, delay?: number, ...rest: unknown[]) =>
        delay === undefined ? (held.push(callback), 0) : nativeTimeout(callback, delay, ...rest)) as typeof setTimeout;
    }
    const el = await fixture<SaConversationList>(html`<sa-conversation-list limit="12" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    const harness = new ConversationListHarness(el);
    await harness.waitForRows(12);
    const server = await new SiteAssistClient({apiUrl, apiKey}).listConversations({limit: 12});
    const rows = harness.rows();
    expect(rows.map((row) => text(row.querySelector('[part~="title"]')))).to.deep.equal(server.data.map((c) => c.title));
    expect(rows.every((row) => text(row.querySelector('[part~="preview"]')) !== ''), 'every preview').to.equal(true);
    expect(rows.map((row) => row.querySelector('time')?.getAttribute('datetime'))).to.deep.equal(server.data.map((c) => c.lastInteractionAt));
    expect(rows.map((row) => text(row.querySelector('time'))), 'times before ICU').to.deep.equal(rows.map(() => ''));
    expect(built, 'formatters built before the main thread was idle').to.equal(0);
    await expect(el).to.be.accessible();

    if (!nativeIdle) globalThis.setTimeout = nativeTimeout;
    releaseIdle();
    await waitUntil(() => rows.every((row) => /ago$/.test(text(row.querySelector('time')))), 'every time, once ICU is ready', {timeout: 3000});
    expect(built).to.equal(1);
    expect(harness.rows(), 'the same rows, filled in').to.deep.equal(rows);
  });
});
