/**
 * The visitor's display preferences, emulated by the browser (web-test-runner.config.mjs: CDP in Chromium,
 * preferences in Firefox): in forced-colors (Windows high contrast) mode the states that backgrounds carried
 * stay visible as borders; with reduced motion the loading skeleton does not pulse. WebKitGTK can change
 * neither while it runs, so there these tests say so and skip.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, control, injectFault, resetEmulator} from '../helpers/emulator.js';
import {emulateMedia as emulate, itEmulated} from '../helpers/media.js';
import {waitUntil} from '../helpers/dom.js';

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const border = (node: Element) => {
  const style = getComputedStyle(node);
  return `${style.borderTopWidth} ${style.borderTopStyle}`;
};

describe('display preferences', () => {
  beforeEach(resetEmulator);
  afterEach(() => emulate([]));

  itEmulated('keeps bubbles, the current row and badges visible in forced colors, and stays accessible', async () => {
    const {conversationIds} = await control<{conversationIds: string[]}>('/seed', {
      apiKey, saVid: visitorId(apiKey), conversations: 5, messagesPerConversation: 2,
    });
    const page = await fixture(html`<div>
      <sa-conversation-list for="chat" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
      <sa-conversation id="chat" api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversationIds[0]}></sa-conversation>
    </div>`);
    const [list, chat] = [page.querySelector('sa-conversation-list')!, page.querySelector('sa-conversation')!];
    await waitUntil(() => list.shadowRoot!.querySelector('[part~="item"][aria-current="true"]'), 'the current row');
    await waitUntil(() => chat.shadowRoot!.querySelector('[part~="bubble"]'), 'the messages');
    const bubble = $(chat, '[part~="assistant"] [part~="bubble"]');
    const current = $(list, '[part~="item"][aria-current="true"]');
    const badge = $(list, '[part~="badge"]');
    const borders = () => [border(bubble), border(current), border(badge)];
    const before = borders();

    await emulate([{name: 'forced-colors', value: 'active'}]);
    await waitUntil(() => matchMedia('(forced-colors: active)').matches, 'forced colors');
    expect(borders()).to.deep.equal(['1px solid', '2px solid', '1px solid']);
    expect(borders()).not.to.deep.equal(before);
    await expect(chat).to.be.accessible();
    await expect(list).to.be.accessible();
  });

  itEmulated('does not pulse the loading skeleton when the visitor prefers reduced motion', async () => {
    await injectFault({method: 'GET', path: '^/conversations$', delayMs: 2_000, count: 2});
    const pulse = async () => {
      // A client of its own each time, so the second list is not served from the first one's cache.
      const list = await fixture(html`<sa-conversation-list .client=${new SiteAssistClient({apiUrl, apiKey})}></sa-conversation-list>`);
      await waitUntil(() => list.shadowRoot!.querySelector('.skeleton-row span'), 'the skeleton');
      const duration = getComputedStyle($(list, '.skeleton-row span')).animationDuration;
      // The slow read ends within the test, not in the next file's.
      await waitUntil(() => !list.shadowRoot!.querySelector('.skeleton-row'), 'the loaded list');
      return duration;
    };
    expect(parseFloat(await pulse()), 'the pulse runs').to.be.above(0.1);
    await emulate([{name: 'prefers-reduced-motion', value: 'reduce'}]);
    await waitUntil(() => matchMedia('(prefers-reduced-motion: reduce)').matches, 'reduced motion');
    expect(parseFloat(await pulse())).to.be.below(0.001);
  });
});
