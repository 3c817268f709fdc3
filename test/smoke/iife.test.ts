/**
 * The built CDN file, loaded the way a site owner loads it: a classic <script> with the key on the
 * tag, elements with attributes only, no module of ours imported on this page.
 */
import {expect} from '@open-wc/testing';
import {loadCdnScript, runChat, shadow, shadowAll, text} from '../helpers/cdn-page.js';
import {requests, resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

declare global {
  interface Window {
    SiteAssistElements?: Record<string, unknown>;
  }
}

describe('the CDN script (dist/siteassist-elements.js)', () => {
  before(async () => {
    await resetEmulator();
    await loadCdnScript();
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
      await runChat([list, chat, start]);
      expect(shadowAll(chat, '[part~="message"][part~="assistant"] blockquote')).to.have.length(1);
      const reply = shadow(chat, '[part~="message"][part~="assistant"]')!;
      expect(reply.querySelector('a[part~="citation"]')?.getAttribute('href')).to.equal('https://docs.example.com/getting-started');
      expect(text(shadow(list, '[part~="title"]'))).to.match(/^Where is my order/);
      await waitUntil(() => shadow(list, '[part~="item"]')!.getAttribute('aria-current') === 'true', 'the open conversation\'s row marked current');

      // The minified markup keeps SVG's self-closing shapes: a shape nested in another is not drawn.
      const icons = [...reply.querySelectorAll('svg')];
      expect(icons.length, 'like, dislike and copy icons').to.be.at.least(3);
      for (const icon of icons) {
        expect([...icon.querySelectorAll('*')].every((shape) => shape.parentNode === icon), icon.outerHTML).to.equal(true);
      }

      expect(await requests('POST', '/identity/init')).to.have.length(1);
      expect(await requests('POST', '/conversations')).to.have.length(1);
    } finally {
      page.remove();
    }
  });

  it('warns the site owner, once, that integrity is still the README\'s placeholder', async () => {
    const said: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => said.push(args.join(' '));
    try {
      await loadCdnScript('?placeholder', 'sha384-…');
    } finally {
      console.warn = original;
    }
    const placeholder = said.filter((line) => line.includes('integrity="sha384-…"'));
    expect(placeholder).to.have.length(1);
    expect(placeholder[0]).to.contain('placeholder').and.contain('npm run build');
  });
});
