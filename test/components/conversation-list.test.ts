import {nothing, type ReactiveControllerHost} from 'lit';
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/sa-conversation-list.js';
import '../../src/sa-start-button.js';
import '../../src/sa-conversation.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {getClient} from '../../src/api/shared-client.js';
import type {Conversation, ConversationSummary, Message} from '../../src/api/types.js';
import {PREVIEW_CHARS, lastInteractionAt, previewText} from '../../src/internal/conversation-fields.js';
import {RelativeTimeController, relativeTime} from '../../src/internal/relative-time.js';
import {en} from '../../src/internal/strings.js';
import {ConversationHarness} from '../helpers/conversation-harness.js';
import {ConversationListHarness} from '../helpers/conversation-list-harness.js';
import {focusWindow, part, text, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, control, injectFault, requests, resetEmulator, seed} from '../helpers/emulator.js';
import {StartButtonHarness} from '../helpers/start-button-harness.js';

/** Seeded conversations (`seed`) are spread back in time, newest last: index 10 is handed off to Sam Rivera, 4 and 9 are closed. */

/** The same visitor through a client of its own: its writes are not announced to the elements. */
const bystander = () => new SiteAssistClient({apiUrl, apiKey});

const harness = (el: SaConversationList) => new ConversationListHarness(el);
const items = (el: SaConversationList) => harness(el).rows();
const ids = (el: SaConversationList) => harness(el).ids();
const busy = (el: SaConversationList) => harness(el).busy();
const conversationQueries = async () => (await requests('GET', '/conversations')).map((request) => request.query);

async function loaded(el: SaConversationList, rows: number): Promise<SaConversationList> {
  await harness(el).waitForRows(rows);
  return el;
}

const list = (attributes = html``) =>
  fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl} style="height: 160px">
    ${attributes}
  </sa-conversation-list>`);

describe('<sa-conversation-list>', () => {
  beforeEach(resetEmulator);

  describe('states', () => {
    it('says what to set when it has no configuration, and reads nothing', async () => {
      const el = await fixture<SaConversationList>(html`<sa-conversation-list></sa-conversation-list>`);
      expect(text(part(el, 'error'))).to.equal(en.missingConfig);
      expect(items(el)).to.have.length(0);
      expect(await requests('GET', '/conversations')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('tells the visitor only that chat is unavailable when the key is refused, and the site owner why, once', async () => {
      const said: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => said.push(args.join(' '));
      try {
        const wrapper = await fixture(html`<div>
          <sa-conversation-list api-key="pk_not_this_one" api-url=${apiUrl}></sa-conversation-list>
          <sa-conversation-list api-key="pk_not_this_one" api-url=${apiUrl}></sa-conversation-list>
        </div>`);
        const el = wrapper.querySelector<SaConversationList>('sa-conversation-list')!;
        await waitUntil(() => part(el, 'error'), 'the error state');
        expect(harness(el).alert()).to.equal('Chat is unavailable right now.');
        await expect(el).to.be.accessible();
        expect(said).to.have.length(1);
        expect(said[0]).to.contain('"pk_not_this_one" was refused').and.contain('data-api-key').and.contain('allowed domains');
        expect(said[0]).to.contain(location.origin);
      } finally {
        console.error = original;
      }
    });

    it('shows a decorative skeleton with a hidden "Loading…" until the first page arrives', async () => {
      await seed(3);
      await injectFault({method: 'GET', path: '^/conversations$', delayMs: 1500});
      const el = await list();
      expect(busy(el)).to.equal(true);
      expect(harness(el).skeleton()!.getAttribute('aria-hidden')).to.equal('true');
      expect(harness(el).status()).to.equal(en.loading);
      await expect(el).to.be.accessible();
      await loaded(el, 3);
      expect(harness(el).skeleton()).to.equal(null);
    });

    it('shows each row: title, plain-text preview, current relative time, closed and human-agent badges, and the total', async () => {
      await seed(12);
      const el = await loaded(await list(), 10);
      const server = await bystander().listConversations({limit: 10});
      expect(ids(el)).to.deep.equal(server.data.map((c) => c.id));
      expect(harness(el).total()).to.equal('12 conversations');

      const [first, handedOff, closed] = items(el);
      expect(text(first.querySelector('[part~="title"]'))).to.equal(server.data[0].title);
      const time = first.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal(server.data[0].lastInteractionAt);
      // Rows read before the page's first Intl formatter was built get their times in idle time.
      await waitUntil(() => text(time), 'the relative time', {timeout: 3000});
      expect(text(time)).to.equal(relativeTime(server.data[0].lastInteractionAt, undefined));
      expect(text(time)).to.match(/ago$/);

      // The agent's reply is markdown ("**one moment**"): the preview shows its words only.
      expect(text(handedOff.querySelector('[part~="preview"]'))).to.equal(
        "Hi, I'm taking over from the assistant. Let me check that for you — one moment."
      );
      expect(text(handedOff.querySelector('[part~="agent-badge"]'))).to.equal('With Sam Rivera');
      expect(handedOff.querySelector('[part~="closed-badge"]')).to.equal(null);
      expect(text(closed.querySelector('[part~="closed-badge"]'))).to.equal('Closed: Resolved');
      expect(first.querySelectorAll('[part~="badge"]')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('names a conversation without a title "Untitled conversation" and shows no preview without messages', async () => {
      await seed(1, 0);
      const el = await loaded(await list(), 1);
      expect(text(part(el, 'title'))).to.equal('Untitled conversation');
      expect(part(el, 'preview')).to.equal(null);
      expect(harness(el).total()).to.equal('1 conversation');
    });

    it('shows "No conversations yet" and the empty slot', async () => {
      const el = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}>
        <a slot="empty" href="#start">Ask a question</a>
      </sa-conversation-list>`);
      await waitUntil(() => part(el, 'empty'), 'expected the empty state');
      expect(text(part(el, 'empty'))).to.equal('No conversations yet');
      expect(harness(el).emptySlotted().map((e) => e.textContent)).to.deep.equal(['Ask a question']);
      expect(part(el, 'total')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows visitor words and a Retry after a failure, reports it, and recovers on Retry', async () => {
      await seed(2);
      await injectFault({method: 'GET', path: '^/conversations$', code: 'INTERNAL_SERVER_ERROR'});
      const reported = oneEvent(document, 'sa-error');
      const el = await list();
      expect((await reported).detail).to.include({code: 'INTERNAL_SERVER_ERROR', status: 500});
      await waitUntil(() => harness(el).error(), 'expected the error state');
      expect(harness(el).alert()).to.equal(en.errors.INTERNAL_SERVER_ERROR);
      await expect(el).to.be.accessible();
      harness(el).retry();
      await loaded(el, 2);
      expect(harness(el).error()).to.equal(null);
    });

    it('counts down a long rate limit and lets the visitor retry at once', async () => {
      await seed(2);
      await injectFault({method: 'GET', path: '^/conversations$', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 30});
      const el = await list();
      await waitUntil(() => harness(el).error(), 'expected the error state');
      expect(harness(el).alert()).to.equal(en.errors.RATE_LIMIT_EXCEEDED);
      expect(text(harness(el).error())).to.contain('Trying again in 30 s…');
      harness(el).retry();
      await loaded(el, 2);
      expect(text(el.shadowRoot!)).not.to.contain('Trying again');
    });

    it('counts down, in words, while the service is unavailable (503 with Retry-After), instead of a silent placeholder', async () => {
      await seed(2);
      await injectFault({method: 'GET', path: '^/conversations$', code: 'SERVICE_UNAVAILABLE', retryAfter: 2, count: 1});
      const el = await list();
      await waitUntil(() => text(harness(el).error()).includes('Trying again in 2 s…'), 'the countdown', {timeout: 1500});
      expect(text(harness(el).error()!.querySelector('[role="status"]'))).to.equal(en.errors.SERVICE_UNAVAILABLE);
      expect(harness(el).skeleton()).to.equal(null);
      // Each second shows for a second: wait for the next one before anything slow (axe) runs.
      await waitUntil(() => text(harness(el).error()).includes('Trying again in 1 s…'), 'the countdown going on', {timeout: 3000});
      await expect(el).to.be.accessible();
      await loaded(el, 2);
      expect(harness(el).error()).to.equal(null);
    });

    it('keeps the rows visible while it refreshes', async () => {
      const {conversationIds} = await seed(3);
      const el = await loaded(await list(), 3);
      await injectFault({method: 'GET', path: '^/conversations$', delayMs: 1500});
      getClient({apiUrl, apiKey}).changed(conversationIds[0], 'updated');
      await waitUntil(() => busy(el), 'expected a refresh');
      expect(items(el)).to.have.length(3);
      expect(harness(el).skeleton()).to.equal(null);
      await expect(el).to.be.accessible();
      await loaded(el, 3);
    });
  });

  describe('query attributes', () => {
    it('sends limit, status, order-by and order-dir as the query of GET /conversations', async () => {
      const el = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}
        limit="5" status="closed" order-by="title" order-dir="asc"></sa-conversation-list>`);
      await waitUntil(() => part(el, 'empty'), 'expected the empty state');
      expect(await conversationQueries()).to.deep.equal([{limit: '5', offset: '0', status: 'closed', orderBy: 'title', orderDir: 'asc'}]);

      el.removeAttribute('status');
      await waitUntil(async () => (await conversationQueries()).length === 2, 'expected a new request');
      expect((await conversationQueries())[1]).to.deep.equal({limit: '5', offset: '0', orderBy: 'title', orderDir: 'asc'});
    });

    it('sends every sort field the API knows', async () => {
      const el = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>`);
      const fields = ['id', 'createdAt', 'updatedAt', 'status', 'closedAt', 'isHumanHandled', 'title', 'lastInteractionAt'];
      for (const field of fields) {
        await waitUntil(() => part(el, 'empty'), 'expected the empty state');
        el.setAttribute('order-by', field);
        el.setAttribute('order-dir', 'asc');
        await waitUntil(async () => (await conversationQueries()).at(-1)!.orderBy === field, `expected orderBy=${field}`);
      }
      expect((await conversationQueries()).map((query) => query.orderBy)).to.include.members(fields);
    });

    it('warns about each invalid value, naming its attribute, and asks for the documented defaults', async () => {
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => warnings.push(message);
      try {
        const el = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}
          limit="500" status="all" order-by="newest" order-dir="up"></sa-conversation-list>`);
        await waitUntil(() => part(el, 'empty'), 'expected the empty state');
        el.setAttribute('limit', 'ten');
        await el.updateComplete;
      } finally {
        console.warn = warn;
      }
      expect(warnings).to.have.length(5);
      for (const [index, attribute] of ['limit="500"', 'status="all"', 'order-by="newest"', 'order-dir="up"', 'limit="NaN"'].entries()) {
        expect(warnings[index]).to.contain(attribute);
      }
      const queries = await conversationQueries();
      expect(queries[0]).to.deep.equal({limit: '10', offset: '0', orderBy: 'lastInteractionAt', orderDir: 'desc'});
      expect(queries.every((query) => query.limit === '10')).to.equal(true);
    });
  });

  describe('paging', () => {
    it('loads page after page with "Load more" until the total, each row once', async () => {
      await seed(23);
      const el = await loaded(await list(), 10);
      expect(harness(el).total()).to.equal('23 conversations');
      expect(text(harness(el).loadMore())).to.equal('Load more');
      await expect(el).to.be.accessible();
      harness(el).loadMore()!.click();
      await loaded(el, 20);
      harness(el).loadMore()!.click();
      await loaded(el, 23);
      expect(harness(el).loadMore()).to.equal(null);
      expect(new Set(ids(el)).size).to.equal(23);
      expect((await conversationQueries()).map((query) => query.offset)).to.deep.equal(['0', '10', '20']);
    });

    it('loads the next page when the end of the list scrolls into view', async () => {
      await seed(15);
      const el = await loaded(await list(), 10);
      const base = part(el, 'base')!;
      base.scrollTop = base.scrollHeight;
      await loaded(el, 15);
      expect(harness(el).loadMore()).to.equal(null);
    });

    it('lays out only the rows near the view, and a far row once it is scrolled to', async () => {
      await seed(40);
      const el = await loaded(await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}
        limit="40"></sa-conversation-list>`), 40);
      const laidOut = (row: HTMLElement) => row.querySelector('[part~="title"]')!.checkVisibility({contentVisibilityAuto: true});
      const rows = items(el);
      await waitUntil(() => laidOut(rows[0]) && !laidOut(rows[39]), 'expected the first row laid out and the last one skipped');
      // Skipped rows stay in the DOM: find-in-page and screen readers still reach their text.
      expect(text(rows[39].querySelector('[part~="title"]'))).to.not.equal('');
      rows[39].scrollIntoView();
      await waitUntil(() => laidOut(rows[39]), 'expected the last row laid out once in view');
    });

    it("paints a long first page's first rows in one frame that fills the view, then every row and Load more", async () => {
      const {conversationIds} = await seed(45);
      const selected = conversationIds[14];
      const el = await fixture<SaConversationList>(html`<sa-conversation-list api-key=${apiKey} api-url=${apiUrl}
        limit="40" selected=${selected}></sa-conversation-list>`);
      // Each frame's rAF callback runs before that frame paints: the first to see rows is the frame that paints them.
      let first: {rows: number; fillsView: boolean} | undefined;
      const watch = () => {
        const rows = items(el);
        if (!rows.length) return void requestAnimationFrame(watch);
        first = {rows: rows.length, fillsView: rows.at(-1)!.getBoundingClientRect().bottom >= innerHeight};
      };
      requestAnimationFrame(watch);
      await waitUntil(() => first, 'the frame that paints the first rows');
      expect(first!.fillsView, 'the first frame fills the view').to.equal(true);
      expect(first!.rows, 'rows in the first frame').to.be.below(40);
      await loaded(el, 40);
      expect(ids(el)).to.deep.equal([...conversationIds].reverse().slice(0, 40));
      expect(harness(el).current()?.dataset.id, 'the selected row, past the first frame').to.equal(selected);
      expect(harness(el).current()!.tabIndex).to.equal(0);
      expect(text(harness(el).loadMore())).to.equal('Load more');
      // The button arrived with the last row, below the view: no second page was read for it.
      expect((await conversationQueries()).map((query) => query.offset)).to.deep.equal(['0']);
    });

    it('neither doubles nor skips a row when conversations start between page loads', async () => {
      await seed(15);
      const el = await loaded(await list(), 10);
      const other = bystander();
      for (let i = 0; i < 3; i++) await other.createConversation(null);
      harness(el).loadMore()!.click();
      await loaded(el, 18);
      const server = await other.listConversations({limit: 100});
      expect(ids(el)).to.deep.equal(server.data.map((c) => c.id));
      expect(harness(el).total()).to.equal('18 conversations');
    });
  });

  describe('selection', () => {
    it('selects a row by click: sa-conversation-select, aria-current and the selected attribute', async () => {
      await seed(3);
      const el = await loaded(await list(), 3);
      const chosen = oneEvent(el, 'sa-conversation-select');
      items(el)[1].click();
      const {detail} = await chosen;
      expect(detail.conversationId).to.equal(ids(el)[1]);
      expect(detail.conversation.id).to.equal(ids(el)[1]);
      await el.updateComplete;
      expect(el.getAttribute('selected')).to.equal(ids(el)[1]);
      expect(items(el).map((item) => item.getAttribute('aria-current'))).to.deep.equal([null, 'true', null]);
      await expect(el).to.be.accessible();
    });

    it('moves focus with the arrow keys, Home and End, and selects with Enter', async () => {
      await seed(3);
      const el = await loaded(await list(), 3);
      expect(items(el).map((item) => item.tabIndex)).to.deep.equal([0, -1, -1]);
      await focusWindow();
      items(el)[0].focus();
      await sendKeys({press: 'ArrowDown'});
      expect(el.shadowRoot!.activeElement).to.equal(items(el)[1]);
      await sendKeys({press: 'End'});
      expect(el.shadowRoot!.activeElement).to.equal(items(el)[2]);
      await sendKeys({press: 'Home'});
      await sendKeys({press: 'ArrowDown'});
      await el.updateComplete;
      expect(items(el).map((item) => item.tabIndex)).to.deep.equal([-1, 0, -1]);
      const chosen = oneEvent(el, 'sa-conversation-select');
      await sendKeys({press: 'Enter'});
      expect((await chosen).detail.conversationId).to.equal(ids(el)[1]);
      await el.updateComplete;
      expect(items(el)[1].getAttribute('aria-current')).to.equal('true');
    });

    it('sets the conversationId of the element named by `for`, unless the selection is cancelled', async () => {
      await seed(3);
      const wrapper = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-conversation-list>
        <div id="chat"></div>
      </div>`);
      const el = await loaded(wrapper.querySelector('sa-conversation-list')!, 3);
      const target = wrapper.querySelector<HTMLElement & {conversationId?: string}>('#chat')!;

      const veto = (event: Event) => event.preventDefault();
      el.addEventListener('sa-conversation-select', veto, {once: true});
      items(el)[2].click();
      await el.updateComplete;
      expect(target.conversationId).to.equal(undefined);
      expect(el.hasAttribute('selected')).to.equal(false);

      items(el)[1].click();
      expect(target.conversationId).to.equal(ids(el)[1]);
    });

    it('marks the conversation its `for` target loaded, with what the target saw', async () => {
      const {conversationIds} = await seed(3);
      const wrapper = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-conversation-list>
        <div id="chat"></div><div id="elsewhere"></div>
      </div>`);
      const el = await loaded(wrapper.querySelector('sa-conversation-list')!, 3);
      const conversation: Conversation = {...(await bystander().getConversation(conversationIds[0])), title: 'Renamed'};
      const load = (from: string) =>
        wrapper.querySelector(from)!.dispatchEvent(new CustomEvent('sa-conversation-load', {detail: {conversation}, bubbles: true, composed: true}));

      load('#elsewhere');
      await el.updateComplete;
      expect(el.selected).to.equal(undefined);

      load('#chat');
      await el.updateComplete;
      expect(el.getAttribute('selected')).to.equal(conversation.id);
      const marked = harness(el).current()!;
      expect(marked.dataset.id).to.equal(conversation.id);
      expect(text(marked.querySelector('[part~="title"]'))).to.equal('Renamed');
    });
  });

  describe('following the conversation it is for', () => {
    const chatPage = async (conversationId?: string) => {
      const page = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl} for="chat"></sa-conversation-list>
        <sa-conversation api-key=${apiKey} api-url=${apiUrl} id="chat" conversation-id=${conversationId ?? nothing}></sa-conversation>
      </div>`);
      return {el: page.querySelector<SaConversationList>('sa-conversation-list')!, chat: page.querySelector('sa-conversation')!};
    };
    const chatHarness = (chat: Element) => new ConversationHarness(chat as HTMLElement);
    const current = (el: SaConversationList) => harness(el).current();

    it('marks no row once the conversation turns to a new one ("Start a new conversation" after a closed one)', async () => {
      const {conversationIds} = await seed(5);
      const {el, chat} = await chatPage(conversationIds[4]);
      await waitUntil(() => current(el)?.getAttribute('data-id') === conversationIds[4], 'the closed conversation marked');
      await waitUntil(() => chatHarness(chat).newConversationButton(), 'the closed conversation\'s footer');
      chatHarness(chat).newConversationButton()!.click();
      await waitUntil(() => part(chat, 'welcome'), 'the welcome screen');
      await el.updateComplete;
      expect(current(el)).to.equal(null);
      expect(el.selected).to.equal(undefined);
    });

    /** Sends `words` from the conversation element as a visitor would. */
    const ask = (chat: Element, words: string) => chatHarness(chat).submit(words);

    /** One client for both elements whose list reads answer late (a slow network after the server read). */
    function slowListClient(): SiteAssistClient {
      const client = new SiteAssistClient({apiUrl, apiKey});
      const listConversations = client.listConversations.bind(client);
      client.listConversations = async (...args) => {
        const page = await listConversations(...args);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return page;
      };
      return client;
    }
    const sharedPage = async (client: SiteAssistClient) => {
      const page = await fixture(html`<div>
        <sa-conversation-list .client=${client} for="chat"></sa-conversation-list>
        <sa-conversation .client=${client} id="chat"></sa-conversation>
      </div>`);
      return {el: page.querySelector<SaConversationList>('sa-conversation-list')!, chat: page.querySelector('sa-conversation')!};
    };

    it('shows the title the header shows as soon as the header shows it, after Stop', async () => {
      await control('/settings', {paceMs: 150});
      const {el, chat} = await sharedPage(slowListClient());
      await ask(chat, 'Where is my parcel today');
      await waitUntil(() => items(el).length === 1 && chatHarness(chat).replying(), 'the reply streams, the row listed');
      chatHarness(chat).stop();
      await waitUntil(() => chatHarness(chat).title().startsWith('Where is my parcel'), 'the title in the header');
      await el.updateComplete;
      expect(text(part(el, 'title'))).to.equal(chatHarness(chat).title());
    });

    it('never previews a reply still being written', async () => {
      await control('/settings', {paceMs: 40});
      const client = new SiteAssistClient({apiUrl, apiKey});
      const {el, chat} = await sharedPage(client);
      const previews = new Set<string>();
      const watch = new MutationObserver(() => previews.add(text(part(el, 'preview'))));
      watch.observe(el.shadowRoot!, {subtree: true, childList: true, characterData: true});
      await ask(chat, 'Where is my parcel today');
      await waitUntil(() => items(el).length === 1 && chatHarness(chat).streaming(), 'the reply streams');
      // Another write on the page (feedback in another view, say) re-reads the list mid-stream.
      client.changed('conv_elsewhere', 'updated');
      await waitUntil(() => chatHarness(chat).replied(), 'the whole reply', {timeout: 8000});
      // The whole reply as the preview: its end, or its first PREVIEW_CHARS cut with "…".
      await waitUntil(() => /(see Getting started\.|…)$/.test(text(part(el, 'preview'))), 'the whole reply as the preview');
      watch.disconnect();
      const final = text(part(el, 'preview'));
      expect([...previews].filter((preview) => preview && preview !== final), 'partial previews').to.deep.equal([]);
    });

    it('previews a reply as plain text, without table or code markdown', async () => {
      const visitor = bystander();
      const conversation = await visitor.createConversation(null);
      await visitor.sendMessage(conversation.id, {content: '| Plan | Price |\n| --- | --- |\n| Starter | $9 |'});
      const el = await loaded(await list(), 1);
      const preview = text(part(el, 'preview'));
      expect(preview).to.match(/^Plan Price Starter \$9 Thanks for asking!/);
      expect(preview).not.to.match(/[|`]|---/);
    });
  });

  describe('live updates', () => {
    it('shows a conversation started by another element sharing the client', async () => {
      await seed(2);
      const wrapper = await fixture(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
        <sa-start-button api-key=${apiKey} api-url=${apiUrl}></sa-start-button>
      </div>`);
      const el = await loaded(wrapper.querySelector('sa-conversation-list')!, 2);
      const created = oneEvent(wrapper, 'sa-conversation-created');
      new StartButtonHarness(wrapper.querySelector('sa-start-button')!).button.click();
      const {conversation} = (await created).detail;
      await loaded(el, 3);
      expect(ids(el)[0]).to.equal(conversation.id);
      expect(harness(el).total()).to.equal('3 conversations');
    });

    it('shows a conversation closed through the shared client as closed', async () => {
      const {conversationIds} = await seed(2);
      const el = await loaded(await list(), 2);
      const newest = conversationIds[1];
      await getClient({apiUrl, apiKey}).closeConversation(newest, 'No longer needed');
      await waitUntil(() => part(el, 'closed-badge'), 'expected a closed badge');
      expect(text(items(el).find((item) => item.dataset.id === newest)!.querySelector('[part~="closed-badge"]'))).to.equal(
        'Closed: No longer needed'
      );
    });
  });

  describe('locale', () => {
    it('tells times in the language of the page around it', async () => {
      await seed(1);
      const wrapper = await fixture(html`<div lang="de">
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
      </div>`);
      const el = await loaded(wrapper.querySelector('sa-conversation-list')!, 1);
      await waitUntil(() => text(part(el, 'time')), 'the relative time', {timeout: 3000});
      expect(text(part(el, 'time'))).to.match(/^vor /);
    });
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2025-06-15T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('tells the largest unit reached, in the given locale', () => {
    expect(relativeTime(ago(20_000), 'en', now)).to.equal('now');
    expect(relativeTime(ago(5 * 60_000), 'en', now)).to.equal('5 minutes ago');
    expect(relativeTime(ago(90 * 60_000), 'en', now)).to.equal('1 hour ago');
    expect(relativeTime(ago(30 * 3600_000), 'en', now)).to.equal('yesterday');
    expect(relativeTime(ago(15 * 86400_000), 'en', now)).to.equal('2 weeks ago');
    expect(relativeTime(ago(400 * 86400_000), 'en', now)).to.equal('last year');
    expect(relativeTime(ago(5 * 60_000), 'fr', now)).to.equal('il y a 5 minutes');
  });

  it('gives nothing for an unreadable date and survives a malformed locale', () => {
    expect(relativeTime('not a date', 'en', now)).to.equal('');
    expect(relativeTime(ago(5 * 60_000), 'not a locale!', now)).to.match(/5/);
  });

  it('re-renders every connected host from one shared timer, stopped when the last one disconnects', () => {
    const ticks: Array<() => void> = [];
    const stopped: unknown[] = [];
    const {setInterval: realSetInterval, clearInterval: realClearInterval} = window;
    window.setInterval = ((tick: () => void) => ticks.push(tick)) as typeof setInterval;
    window.clearInterval = ((id: number) => void stopped.push(id)) as typeof clearInterval;
    try {
      const updated: string[] = [];
      const host = (name: string) =>
        ({addController() {}, removeController() {}, requestUpdate: () => updated.push(name), updateComplete: Promise.resolve(true)}) as ReactiveControllerHost;
      const first = new RelativeTimeController(host('first'));
      const second = new RelativeTimeController(host('second'));
      first.hostConnected();
      second.hostConnected();
      expect(ticks).to.have.length(1);
      ticks[0]();
      expect(updated).to.deep.equal(['first', 'second']);
      first.hostDisconnected();
      expect(stopped).to.deep.equal([]);
      second.hostDisconnected();
      expect(stopped).to.deep.equal([1]);
    } finally {
      window.setInterval = realSetInterval;
      window.clearInterval = realClearInterval;
    }
  });
});

describe('conversation fields', () => {
  const message = (...texts: string[]) => ({parts: [{type: 'step-start'}, ...texts.map((t) => ({type: 'text', text: t}))]}) as unknown as Message;

  it('reads lastInteractionAt, or the legacy lastInterationAt of older servers', () => {
    const current = {lastInteractionAt: '2025-01-02T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z'} as ConversationSummary;
    const legacy = {lastInterationAt: '2025-01-03T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z'} as unknown as ConversationSummary;
    expect(lastInteractionAt(current)).to.equal('2025-01-02T00:00:00Z');
    expect(lastInteractionAt(legacy)).to.equal('2025-01-03T00:00:00Z');
  });

  it('makes a one-line plain-text preview of the text parts', () => {
    expect(
      previewText(
        message(
          '## Install\n\nUse **npm** or `yarn`, see [the guide][1] and [docs](https://x.test) [2].\n\n- step_one\n- _then_ ~~this~~\n\n[1]: <https://g.test> "Guide"',
          ' > done'
        )
      )
    ).to.equal('Install Use npm or yarn, see the guide and docs. step_one then this done');
    expect(
      previewText(message('| Plan | Price |\n| :--- | ---: |\n| Starter | $9 |\n\n---\n\n```sh\ncurl -H "x: y"\n```\n\n***'))
    ).to.equal('Plan Price Starter $9 curl -H "x: y"');
    expect(previewText(null)).to.equal('');
    expect(previewText(message('<img src=x onerror=alert(1)>'))).to.equal('<img src=x onerror=alert(1)>');
  });

  it('cuts a long preview at PREVIEW_CHARS with "…", never inside a character', () => {
    const long = previewText(message(`**Step** ${'word '.repeat(8_000)}`));
    expect(long).to.equal(`Step ${'word '.repeat(40)}`.slice(0, PREVIEW_CHARS) + '…');
    const emoji = previewText(message(`${'a'.repeat(PREVIEW_CHARS - 1)}😀 and more`));
    expect(emoji).to.equal(`${'a'.repeat(PREVIEW_CHARS - 1)}😀…`);
    expect(previewText(message('a'.repeat(PREVIEW_CHARS)))).to.equal('a'.repeat(PREVIEW_CHARS));
    // Counted in code points, not UTF-16 units: as many emoji as PREVIEW_CHARS is twice the units, and whole.
    expect(previewText(message('😀'.repeat(PREVIEW_CHARS)))).to.equal('😀'.repeat(PREVIEW_CHARS));
    expect(previewText(message('😀'.repeat(PREVIEW_CHARS + 1)))).to.equal(`${'😀'.repeat(PREVIEW_CHARS)}…`);
  });
});
