/**
 * The list's relative-time formatter for a visitor new to this device: their list is empty, so no
 * ICU start-up (~18 ms of main thread, a page's first Intl formatter) until there are rows to date.
 * A file of its own: the page must not have started ICU (see conversation-list-time-formatter.test.ts).
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {getClient} from '../../src/api/shared-client.js';
import {part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, resetEmulator, seed} from '../helpers/emulator.js';
import {afterIdle, countRelativeTimeFormats, formats} from '../helpers/relative-time-formats.js';

const items = (el: SaConversationList) => [...el.shadowRoot!.querySelectorAll('[part~="item"]')];

describe('<sa-conversation-list>: the relative-time formatter, for a new visitor', () => {
  countRelativeTimeFormats();
  beforeEach(resetEmulator);

  it('is not built for the empty list of a visitor new to this device, and is once rows come', async () => {
    const el = await fixture<SaConversationList>(html`<sa-conversation-list lang="fr" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
    await waitUntil(() => part(el, 'empty'), 'the empty list');
    await afterIdle();
    expect(formats.locales, 'formatters built for an empty list').to.deep.equal([]);

    // The visitor's first conversation, as another element sharing the client would announce it.
    await seed(1);
    getClient({apiUrl, apiKey}).changed('first', 'created');
    await waitUntil(() => items(el).length === 1, 'the new row');
    // Its time follows once ICU has started, in idle time.
    await waitUntil(() => text(part(el, 'time')) !== '', 'its relative time');
    expect(formats.locales).to.deep.equal(['fr']);
  });
});
