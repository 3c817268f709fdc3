/**
 * Issue 6, "the script included twice": a CMS plugin and a theme both add the CDN script, once from
 * the same URL and once as a second copy (another URL, so another bundle and its own Lit). Nothing
 * throws, each tag keeps its first definition and the widget works. Imports nothing from src/.
 */
import {expect, fixture, html} from '@open-wc/testing';
import {loadCdnScript, runChat, tags} from '../helpers/cdn-page.js';
import {requests, resetEmulator} from '../helpers/emulator.js';

describe('resilience: the CDN script included twice', () => {
  const errors: string[] = [];
  const recordError = (event: ErrorEvent) => errors.push(String(event.error ?? event.message));
  const recordRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));

  before(async () => {
    await resetEmulator();
    window.addEventListener('error', recordError);
    window.addEventListener('unhandledrejection', recordRejection);
  });

  after(() => {
    window.removeEventListener('error', recordError);
    window.removeEventListener('unhandledrejection', recordRejection);
  });

  it('the same file twice and a second copy throw nothing and keep each first definition', async () => {
    await loadCdnScript();
    const first = tags.map((tag) => customElements.get(tag));
    expect(first.every((definition) => typeof definition === 'function'), 'defined by the first script').to.equal(true);
    await loadCdnScript();
    await loadCdnScript('?copy=2');
    expect(tags.map((tag) => customElements.get(tag))).to.deep.equal(first);
    expect(errors).to.deep.equal([]);
  });

  it('the elements still run a whole chat, with one session for the page', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <sa-conversation-list for="chat"></sa-conversation-list>
      <sa-conversation id="chat"></sa-conversation>
      <sa-start-button for="chat"></sa-start-button>
    </div>`);
    await runChat(tags.map((tag) => page.querySelector(tag)));
    expect(await requests('POST', '/identity/init')).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });
});
