/**
 * When the list builds its relative-time formatter: a page's first Intl formatter is ICU start-up
 * (~18 ms of main thread). For a visitor this device knows, it is built while the first page is on
 * its way (once its request has left: not in the session's init, which it would hold back), so it
 * never sits between the response and the rows' paint. A visitor new to this device:
 * conversation-list-new-visitor.test.ts (each needs a page that has not started ICU).
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, injectFault, resetEmulator, seed} from '../helpers/emulator.js';
import {countRelativeTimeFormats, formats} from '../helpers/relative-time-formats.js';

const items = (el: SaConversationList) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];

describe('<sa-conversation-list>: the relative-time formatter', () => {
  countRelativeTimeFormats();
  beforeEach(resetEmulator);

  // The file's only test: the page has not started ICU yet, so the formatter is built in idle time.
  it('is built while the first page is on its way, after its request left, for a visitor this device knows', async () => {
    await seed(2);
    // A slow session init: idle time passes before the list's request can leave, on a fast network too.
    await injectFault({method: 'POST', path: '^/identity/init$', delayMs: 300});
    await injectFault({method: 'GET', path: '^/conversations$', delayMs: 600});
    performance.clearResourceTimings();
    const el = await fixture<SaConversationList>(html`<sa-conversation-list lang="de" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    await waitUntil(() => formats.locales.includes('de'), 'the formatter, built ahead', {timeout: 3000});
    expect(items(el), 'no rows yet: the read is still on its way').to.have.length(0);
    await waitUntil(() => items(el).length === 2, 'the rows');
    expect(text(part(el, 'time'))).to.not.equal('');
    // Resource Timing's startTime is when fetch() was called: the list's request left before ICU started
    // (at least: Firefox's clock counts whole milliseconds).
    const listRead = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/conversations?'));
    expect(formats.at[0], 'built after the list was asked for').to.be.at.least(listRead!.startTime);
  });
});
