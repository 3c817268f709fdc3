/**
 * The CDN locale file as a site owner adds it: a classic <script src="dist/locales/de.js"> after the
 * main script. Nothing of src/ is imported on this page (run `npm run build` first).
 */
import {expect} from '@open-wc/testing';
import {loadCdnScript, shadow, text} from '../helpers/cdn-page.js';
import {resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

function loadLocaleScript(lang: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `/dist/locales/${lang}.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`dist/locales/${lang}.js did not load: run npm run build`));
    document.head.append(script);
  });
}

describe('the CDN locale script (dist/locales/de.js)', () => {
  before(async () => {
    await resetEmulator();
    await loadCdnScript();
  });

  it('turns elements already on the page German, and those added after', async () => {
    const page = document.createElement('div');
    page.lang = 'de';
    page.innerHTML = '<sa-start-button></sa-start-button><sa-conversation-list></sa-conversation-list>';
    document.body.append(page);
    const [start, list] = [page.querySelector('sa-start-button'), page.querySelector('sa-conversation-list')];
    await waitUntil(() => shadow(list, '[part="empty"]'), 'the empty list');
    expect(text(shadow(start, '[part="button"] slot'))).to.equal('Start a conversation');

    await loadLocaleScript('de');
    await waitUntil(() => text(shadow(start, '[part="button"] slot')) === 'Unterhaltung beginnen', 'the German label');
    expect(text(shadow(list, '[part="empty"] p'))).to.equal('Noch keine Unterhaltungen');
    await expect(page).to.be.accessible();

    const later = document.createElement('sa-start-button');
    page.append(later);
    await waitUntil(() => text(shadow(later, '[part="button"] slot')) === 'Unterhaltung beginnen', 'German in an element added later');
    page.remove();
  });
});
