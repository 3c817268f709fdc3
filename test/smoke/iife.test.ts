/**
 * The built CDN file, loaded the way a site owner loads it: a classic <script> with the key on the
 * tag, elements with attributes only, no module of ours imported on this page.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {apiKey, apiUrl, requests, resetEmulator} from '../helpers/emulator.js';

declare global {
  interface Window {
    SiteAssistElements?: Record<string, unknown>;
  }
}

const shadow = (el: Element | null, selector: string) => el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
const shadowAll = (el: Element | null, selector: string) => [...(el?.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function loadScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dist/siteassist-elements.js';
    script.dataset.apiKey = apiKey;
    script.dataset.apiUrl = apiUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/siteassist-elements.js did not load: run npm run build'));
    document.head.append(script);
  });
}

describe('the CDN script (dist/siteassist-elements.js)', () => {
  before(async () => {
    await resetEmulator();
    await loadScript();
  });

  it('defines the three elements and one global from a classic script', () => {
    for (const tag of ['sa-conversation-list', 'sa-conversation', 'sa-start-button']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    expect(window.SiteAssistElements?.SiteAssistClient).to.be.a('function');
  });

  it('runs a whole chat from attributes alone, with the key taken from the script tag', async () => {
    const page = document.createElement('div');
    page.innerHTML = `
      <sa-start-button for="chat"></sa-start-button>
      <sa-conversation-list for="chat"></sa-conversation-list>
      <sa-conversation id="chat"></sa-conversation>`;
    document.body.append(page);
    const [start, list, chat] = ['sa-start-button', 'sa-conversation-list', 'sa-conversation'].map((tag) => page.querySelector(tag));
    try {
      await waitUntil(() => text(shadow(chat, '[part~="welcome"]')) !== '', 'the welcome message from the project');

      shadow(start, '[part~="button"]')!.click();
      await waitUntil(() => chat!.getAttribute('conversation-id') || (chat as unknown as {conversationId?: string}).conversationId, 'the new conversation opens');
      await waitUntil(() => shadowAll(list, '[part~="item"]').length === 1, 'the list shows it');

      const input = shadow(chat, 'textarea') as HTMLTextAreaElement;
      await waitUntil(() => input && !input.disabled, 'the composer');
      input.value = 'Where is my **order**?';
      input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
      await waitUntil(() => !(shadow(chat, '[part~="send-button"]') as HTMLButtonElement)?.disabled, 'send enabled');
      shadow(chat, '[part~="send-button"]')!.click();

      // Feedback buttons come with the finished reply.
      await waitUntil(() => shadow(chat, '[part~="feedback-button"]'), 'the finished reply', {timeout: 5000});
      expect(shadowAll(chat, '[part~="message"][part~="assistant"] blockquote')).to.have.length(1);
      const reply = shadow(chat, '[part~="message"][part~="assistant"]')!;
      expect(reply.querySelector('pre code')).to.exist;
      expect(reply.querySelector('a[part~="citation"]')?.getAttribute('href')).to.equal('https://docs.example.com/getting-started');
      await waitUntil(() => text(shadow(list, '[part~="title"]')).startsWith('Where is my order'), 'the list shows the new title');
      expect(shadow(list, '[part~="item"]')!.getAttribute('aria-current')).to.equal('true');

      expect(await requests('POST', '/identity/init')).to.have.length(1);
      expect(await requests('POST', '/conversations')).to.have.length(1);
    } finally {
      page.remove();
    }
  });
});
