/**
 * The elements in the visitor's language: the translation modules (src/locales/*) picked by the
 * nearest `lang`, through shadow roots too, registered before or after the elements rendered.
 * German is imported inside the first test, so that test sees it arrive after the first render.
 */
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import '../../src/sa-start-button.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import type {SaStartButton} from '../../src/components/start-button/start-button.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {en, locales, type Strings} from '../../src/internal/strings.js';
import {part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, control, injectFault, resetEmulator, seed} from '../helpers/emulator.js';

/** What the start button says: its default label lives in the slot's fallback content. */
const label = (el: SaStartButton) => text(part(el, 'button')!.querySelector('slot'));
/** A project without its own welcome and placeholder, so the element's words show. */
const plainProject = () => control('/project', {apiKey, chatWidgetConfig: {welcomeMessage: '', inputPlaceholder: ''}});

const de = () => locales.de as Strings;

describe('languages', () => {
  beforeEach(resetEmulator);

  it('re-renders in German when the German module loads after the elements rendered', async () => {
    const {conversationIds} = await control<{conversationIds: string[]}>('/seed', {apiKey, saVid: visitorId(apiKey), conversations: 1});
    // A client of their own: the project it reads stays out of the shared cache the later tests read.
    const client = new SiteAssistClient({apiUrl, apiKey});
    const page = await fixture(html`<div lang="de">
      <sa-start-button .client=${client}></sa-start-button>
      <sa-conversation-list .client=${client} status="closed"></sa-conversation-list>
      <sa-conversation .client=${client} conversation-id=${conversationIds[0]}></sa-conversation>
    </div>`);
    const start = page.querySelector('sa-start-button')!;
    const list = page.querySelector('sa-conversation-list')!;
    const conversation = page.querySelector('sa-conversation')!;
    /** The labels of the rendered messages' actions: rendered once, then kept by the log's guards. */
    const actions = () => [...conversation.shadowRoot!.querySelectorAll('[part~="message"] button')].map((b) => b.getAttribute('aria-label') ?? text(b));
    await waitUntil(() => part(list, 'empty'), 'the empty list');
    await waitUntil(() => actions().length, 'the messages and their actions');
    expect(label(start)).to.equal(en.startConversation);
    expect(actions()).to.include(en.copy);

    await import('../../src/locales/de.js');
    await start.updateComplete;
    await list.updateComplete;
    await conversation.updateComplete;
    expect(label(start)).to.equal('Unterhaltung beginnen');
    expect(text(part(list, 'empty')!.querySelector('p'))).to.equal('Noch keine Unterhaltungen');
    expect(actions()).to.include('Kopieren').and.not.include(en.copy);
    await expect(start).to.be.accessible();
    await expect(list).to.be.accessible();
  });

  describe('with German loaded', () => {
    before(() => import('../../src/locales/de.js'));

    it('lists in German, the total in the right plural form', async () => {
      await seed(1);
      const one = await fixture<SaConversationList>(html`<sa-conversation-list lang="de-AT" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
      await waitUntil(() => part(one, 'total'), 'the list');
      expect(text(part(one, 'total'))).to.equal('1 Unterhaltung');
      expect(one.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('Unterhaltungen');
      await expect(one).to.be.accessible();

      await resetEmulator();
      await seed(3);
      const three = await fixture<SaConversationList>(html`<sa-conversation-list lang="de" api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
      await waitUntil(() => text(part(three, 'total')) === '3 Unterhaltungen', 'the total of three');
    });

    it('greets and labels the composer in German', async () => {
      await plainProject();
      const el = await fixture<SaConversation>(html`<sa-conversation lang="de" api-key=${apiKey} api-url=${apiUrl}></sa-conversation>`);
      await waitUntil(() => text(part(el, 'welcome')) === 'Hallo! Wie können wir helfen?', 'the German welcome');
      const input = el.shadowRoot!.querySelector('textarea')!;
      expect(input.getAttribute('aria-label')).to.equal('Nachricht');
      expect(input.placeholder).to.equal('Nachricht schreiben…');
      expect(text(part(el, 'send-button'))).to.equal('Senden');
      await expect(el).to.be.accessible();
    });

    it('reports a failure in German, with a German retry', async () => {
      await injectFault({method: 'GET', path: '^/projects/current$', status: 500, code: 'INTERNAL_SERVER_ERROR'});
      // The other key: this page's client still holds pk_demo's project from the test before.
      const failing = await fixture<SaConversation>(html`<sa-conversation lang="de" api-key="pk_other" api-url=${apiUrl}></sa-conversation>`);
      await waitUntil(() => failing.shadowRoot!.querySelector('[role="alert"]'), 'the error');
      const alert = failing.shadowRoot!.querySelector('[role="alert"]')!;
      expect(text(alert.querySelector('p'))).to.equal('Bei uns ist etwas schiefgelaufen.');
      expect(text(alert.querySelector('button'))).to.equal('Erneut versuchen');
      await expect(failing).to.be.accessible();
    });

    it("finds the page's lang from inside another component's shadow root", async () => {
      const outer = await fixture(html`<div lang="de"><div></div></div>`);
      const host = outer.firstElementChild!;
      host.attachShadow({mode: 'open'}).innerHTML = `<sa-start-button api-key="${apiKey}" api-url="${apiUrl}"></sa-start-button>`;
      const start = host.shadowRoot!.querySelector('sa-start-button')!;
      await start.updateComplete;
      expect(label(start)).to.equal('Unterhaltung beginnen');
      await expect(start).to.be.accessible();
    });

    it("lets the host's strings win over the locale", async () => {
      const start = await fixture<SaStartButton>(html`<sa-start-button lang="de" api-key=${apiKey} api-url=${apiUrl}
        .strings=${{startConversation: 'Schreiben Sie uns'}}></sa-start-button>`);
      expect(label(start)).to.equal('Schreiben Sie uns');

      const list = await fixture<SaConversationList>(html`<sa-conversation-list lang="de" api-key=${apiKey} api-url=${apiUrl}
        .strings=${{noConversations: 'Hier ist noch nichts'}}></sa-conversation-list>`);
      await waitUntil(() => part(list, 'empty'), 'the empty list');
      expect(text(part(list, 'empty')!.querySelector('p'))).to.equal('Hier ist noch nichts');
      expect(list.shadowRoot!.querySelector('ul, [part="total"]')).to.equal(null);
    });

    it('falls back to English for a language it has no translation for, or an unknown one (lang="", lang="constructor")', async () => {
      for (const lang of ['fr', 'x-unknown', '', 'constructor', '__proto__']) {
        const page = await fixture(html`<div lang="de"><sa-start-button lang=${lang} api-key=${apiKey} api-url=${apiUrl}></sa-start-button></div>`);
        expect(label(page.querySelector('sa-start-button')!), `lang="${lang}"`).to.equal(en.startConversation);
      }
    });
  });

  describe('Spanish and Arabic', () => {
    before(() => Promise.all([import('../../src/locales/es.js'), import('../../src/locales/ar.js')]));

    it('label the start button', async () => {
      const page = await fixture(html`<div>
        <sa-start-button lang="es" api-key=${apiKey} api-url=${apiUrl}></sa-start-button>
        <sa-start-button lang="ar" dir="rtl" api-key=${apiKey} api-url=${apiUrl}></sa-start-button>
      </div>`);
      const [es, ar] = page.querySelectorAll('sa-start-button');
      expect(label(es)).to.equal('Iniciar una conversación');
      expect(label(ar)).to.equal('ابدأ محادثة');
      await expect(page).to.be.accessible();
    });

    it('count with each language’s plural forms', () => {
      const counts = [0, 1, 2, 3, 11, 100];
      expect(counts.map(de().conversationCount)).to.deep.equal(
        ['0 Unterhaltungen', '1 Unterhaltung', '2 Unterhaltungen', '3 Unterhaltungen', '11 Unterhaltungen', '100 Unterhaltungen']);
      expect(counts.map((locales.es as Strings).conversationCount)).to.deep.equal(
        ['0 conversaciones', '1 conversación', '2 conversaciones', '3 conversaciones', '11 conversaciones', '100 conversaciones']);
      expect(counts.map((locales.ar as Strings).conversationCount)).to.deep.equal(
        ['لا توجد محادثات', 'محادثة واحدة', 'محادثتان', '3 محادثات', '11 محادثة', '100 محادثة']);
      expect([1, -1, -2].map((locales.es as Strings).charactersLeft)).to.deep.equal(
        ['Queda 1 carácter', '1 carácter por encima del límite', '2 caracteres por encima del límite']);
    });

    it('translate every string, none empty', () => {
      const samples = [0, 1, 2, 5, 11, -3, 'Sam', null];
      for (const lang of ['de', 'es', 'ar']) {
        const table = locales[lang] as Strings;
        for (const [key, english] of Object.entries(en) as Array<[keyof Strings, unknown]>) {
          const value = table[key];
          expect(typeof value, `${lang}.${key}`).to.equal(typeof english);
          if (typeof value === 'function') {
            for (const sample of samples) expect((value as (...args: unknown[]) => string)(sample, sample), `${lang}.${key}(${sample})`).to.be.a('string').and.not.match(/^\s*$|undefined/);
          } else if (typeof value === 'object') {
            expect(Object.keys(value)).to.have.members(Object.keys(en.errors));
            for (const [code, words] of Object.entries(value)) expect(words, `${lang}.errors.${code}`).to.be.a('string').and.not.match(/^\s*$/);
          } else {
            expect(value, `${lang}.${key}`).to.be.a('string').and.not.match(/^\s*$/);
          }
        }
      }
    });
  });
});
