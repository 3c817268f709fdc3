/**
 * Issue 6, "Hostile and crowded pages": page CSS resets, two keys on one page, elements created
 * before they are defined (upgrade).
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation.js';
import '../../src/sa-conversation-list.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {apiKey, apiUrl, requests, resetEmulator, seed} from '../helpers/emulator.js';
import {$, text} from './page.js';
import {waitUntil} from '../helpers/dom.js';

const otherKey = 'pk_other';
const rows = (list: SaConversationList) => [...list.shadowRoot!.querySelectorAll('[part~="item"]')];

describe('resilience: hostile and crowded pages', () => {
  beforeEach(resetEmulator);

  it('page resets (* { all: unset }, button { display: none }) leave the element usable', async () => {
    const style = document.createElement('style');
    style.textContent = '* { all: unset } button, textarea, form { display: none !important }';
    document.head.append(style);
    try {
      const el = await fixture<SaConversation>(html`<sa-conversation api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
      await waitUntil(() => text($(el, '[part~="welcome"]')).includes('How can I help'), 'expected the welcome');
      const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
      const send = $<HTMLButtonElement>(el, '[part~="send-button"]')!;
      for (const control of [textarea, send]) {
        const box = control.getBoundingClientRect();
        expect(box.width * box.height, control.tagName).to.be.greaterThan(0);
      }
      expect($(el, '.messages')!.getBoundingClientRect().height).to.be.greaterThan(0);
    } finally {
      style.remove();
    }
  });

  it('two keys on one page keep their own visitor, session and list', async () => {
    await seed(2);
    await seed(3, undefined, otherKey);
    const [demo, other] = await Promise.all([apiKey, otherKey].map((key) =>
      fixture<SaConversationList>(html`<sa-conversation-list api-key=${key} api-url=${apiUrl}></sa-conversation-list>`)));
    await waitUntil(() => rows(demo).length === 2 && rows(other).length === 3, 'expected each visitor its own list');
    expect(visitorId(apiKey)).not.to.equal(visitorId(otherKey));
    const inits = await requests('POST', '/identity/init');
    expect(inits.map((r) => (r.body as {apiKey: string}).apiKey).sort()).to.deep.equal([apiKey, otherKey]);
    const lists = await requests('GET', '/conversations');
    expect(lists).to.have.length(2);
  });

  it('an element in the page before its tag is defined upgrades with its attributes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Parsed as an unknown element under a tag nobody defined yet, then defined and upgraded.
    host.innerHTML = `<sa-conversation-upgrade api-key="${apiKey}" api-url="${apiUrl}"></sa-conversation-upgrade>`;
    const pending = host.firstElementChild!;
    expect(pending.shadowRoot).to.equal(null);
    customElements.define('sa-conversation-upgrade', class extends (customElements.get('sa-conversation') as typeof HTMLElement) {});
    await waitUntil(() => text(pending.shadowRoot?.querySelector('[part~="welcome"]')).includes('How can I help'), 'expected the upgraded element to load');
  });
});
