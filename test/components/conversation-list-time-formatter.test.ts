/**
 * When the list builds its relative-time formatter: a page's first Intl formatter is ICU start-up
 * (~18 ms of main thread). For a visitor this device knows, it is built while the first page is on
 * its way (once its request has left: not in the session's init, which it would hold back), so it
 * never sits between the response and the rows' paint; for a visitor new to this device, whose
 * list is empty, it is not built at all until there are rows to date.
 * A file of its own: the formatters are cached for the page, and each test counts them from none.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {getClient} from '../../src/api/shared-client.js';
import {part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, injectFault, resetEmulator, seed} from '../helpers/emulator.js';

const NativeRelativeTimeFormat = Intl.RelativeTimeFormat;
/** Locales of the relative-time formatters built since the spy was installed, and when each was (performance.now()). */
let built: unknown[] = [];
let builtAt: number[] = [];

/** Counts every Intl.RelativeTimeFormat built, under a locale of its own so the page's cache has none yet. */
class CountedRelativeTimeFormat extends NativeRelativeTimeFormat {
  constructor(locale?: Intl.LocalesArgument, options?: Intl.RelativeTimeFormatOptions) {
    super(locale, options);
    built.push(locale);
    builtAt.push(performance.now());
  }
}

/** One turn of what idleFormatter waits for: callbacks queued before this one have run. */
const afterIdle = () => new Promise((resolve) => (globalThis.requestIdleCallback ?? setTimeout)(resolve));

const items = (el: SaConversationList) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];

describe('<sa-conversation-list>: the relative-time formatter', () => {
  // Intl's members are writable; TypeScript's lib declares them read-only.
  const intl = Intl as {RelativeTimeFormat: typeof NativeRelativeTimeFormat};
  before(() => (intl.RelativeTimeFormat = CountedRelativeTimeFormat));
  after(() => (intl.RelativeTimeFormat = NativeRelativeTimeFormat));
  beforeEach(async () => {
    await resetEmulator();
    built = [];
    builtAt = [];
  });

  // First in the file: the page has not started ICU yet, so the formatter is built in idle time.
  it('is built while the first page is on its way, after its request left, for a visitor this device knows', async () => {
    await seed(2);
    // A slow session init: idle time passes before the list's request can leave, on a fast network too.
    await injectFault({method: 'POST', path: '^/identity/init$', delayMs: 300});
    await injectFault({method: 'GET', path: '^/conversations$', delayMs: 600});
    performance.clearResourceTimings();
    const el = await fixture<SaConversationList>(html`<sa-conversation-list lang="de" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    await waitUntil(() => built.includes('de'), 'the formatter, built ahead', {timeout: 3000});
    expect(items(el), 'no rows yet: the read is still on its way').to.have.length(0);
    await waitUntil(() => items(el).length === 2, 'the rows');
    expect(text(part(el, 'time'))).to.not.equal('');
    // Resource Timing's startTime is when fetch() was called: the list's request left before ICU started
    // (at least: Firefox's clock counts whole milliseconds).
    const listRead = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/conversations?'));
    expect(builtAt[0], 'built after the list was asked for').to.be.at.least(listRead!.startTime);
  });

  it('is not built for the empty list of a visitor new to this device, and is once rows come', async () => {
    const el = await fixture<SaConversationList>(html`<sa-conversation-list lang="fr" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    await waitUntil(() => part(el, 'empty'), 'the empty list');
    await afterIdle();
    expect(built, 'formatters built for an empty list').to.deep.equal([]);

    // The visitor's first conversation, as another element sharing the client would announce it.
    await seed(1);
    getClient({apiUrl, apiKey}).changed('first', 'created');
    await waitUntil(() => items(el).length === 1, 'the new row');
    expect(text(part(el, 'time')), 'its relative time').to.not.equal('');
    expect(built).to.deep.equal(['fr']);
  });
});
