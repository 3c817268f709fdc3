import {aTimeout, expect, fixture, fixtureCleanup, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/sa-launcher.js';
import type {SaLauncher} from '../../src/components/launcher/launcher.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {visitorId} from '../../src/api/visitor-storage.js';
import {en} from '../../src/internal/strings.js';
import {focusWindow, waitUntil} from '../helpers/dom.js';
import {apiKey, apiUrl, control, requests, resetEmulator} from '../helpers/emulator.js';
import {LauncherHarness, deepActiveElement} from '../helpers/launcher-harness.js';

const seed = (conversations: number) =>
  control<{conversationIds: string[]}>('/seed', {apiKey, saVid: visitorId(apiKey), conversations});
const sockets = () => control<Record<string, number>>('/sockets', undefined, 'GET');
const setProject = (chatWidgetConfig: Record<string, unknown>) => control('/project', {apiKey, chatWidgetConfig});

/**
 * A page load: a launcher with a client of its own (no cache carried over), and the storage as the
 * last page left it.
 */
async function pageLoad(): Promise<LauncherHarness> {
  fixtureCleanup();
  const client = new SiteAssistClient({apiUrl, apiKey});
  const el = await fixture<SaLauncher>(html`<sa-launcher .client=${client}></sa-launcher>`);
  return new LauncherHarness(el);
}

const launcher = (harness: LauncherHarness) => harness.el as SaLauncher;

/** Opens with the button and waits for focus in the message box. */
async function openByButton(harness: LauncherHarness): Promise<void> {
  await harness.clickButton();
  await harness.waitForComposerFocus();
}

describe('<sa-launcher>', () => {
  beforeEach(resetEmulator);

  describe('closed', () => {
    it('says what to set when it has no configuration, and reads nothing', async () => {
      fixtureCleanup();
      const el = await fixture<SaLauncher>(html`<sa-launcher></sa-launcher>`);
      expect(el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal(en.missingConfig);
      expect(el.shadowRoot!.querySelector('[part~="button"]')).to.equal(null);
      await aTimeout(50);
      expect(await requests()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('is a button in the bottom-right corner, and reads only the project', async () => {
      const harness = await pageLoad();
      await waitUntil(async () => (await requests()).length >= 1, 'the project read');
      await aTimeout(100);
      expect((await requests()).map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /projects/current']);
      expect(harness.panel, 'no panel content before it is opened').to.equal(null);
      expect(harness.label).to.equal(en.openChat(0));
      expect(harness.button.getAttribute('aria-expanded')).to.equal('false');
      const box = harness.button.getBoundingClientRect();
      expect(innerWidth - box.right).to.be.closeTo(20, 1);
      expect(innerHeight - box.bottom).to.be.closeTo(20, 1);
      await expect(harness.el).to.be.accessible();
    });

    it('follows the project: bottom-left, offset, radius, colour and an http(s) icon only', async () => {
      await setProject({position: 'bottom-left', offset: {x: 40, y: 30}, bubbleRadius: 8, chatButtonColor: 'rgb(200, 0, 0)',
        chatButtonIcon: 'https://cdn.example.com/icon.png', width: 320});
      const harness = await pageLoad();
      await waitUntil(() => harness.el.shadowRoot!.querySelector('[part~="icon"]'), 'the icon');
      const box = harness.button.getBoundingClientRect();
      expect(box.left).to.be.closeTo(40, 1);
      expect(innerHeight - box.bottom).to.be.closeTo(30, 1);
      const style = getComputedStyle(harness.button);
      expect(style.borderTopLeftRadius).to.equal('8px');
      expect(style.backgroundColor).to.equal('rgb(200, 0, 0)');
      expect(harness.el.shadowRoot!.querySelector('[part~="icon"]')!.getAttribute('src')).to.equal('https://cdn.example.com/icon.png');
      await openByButton(harness);
      expect(harness.panel!.getBoundingClientRect().width).to.be.closeTo(320, 1);

      await setProject({chatButtonIcon: 'javascript:alert(1)', position: 'top-center', width: 'wide'});
      const hostile = await pageLoad();
      await waitUntil(() => hostile.el.style.getPropertyValue('--_brand'), 'the project applied');
      expect(hostile.el.shadowRoot!.querySelector('[part~="icon"]'), 'no script icon').to.equal(null);
      expect(innerWidth - hostile.button.getBoundingClientRect().right, 'an unknown position is the default').to.be.closeTo(20, 1);
    });

    it('lets attributes and CSS custom properties override the project', async () => {
      await setProject({position: 'bottom-left'});
      fixtureCleanup();
      const el = await fixture<SaLauncher>(html`<sa-launcher api-key=${apiKey} api-url=${apiUrl} position="bottom-right"
        style="--sa-launcher-offset-x: 5px; --sa-launcher-button-bg: rgb(0, 128, 0)"></sa-launcher>`);
      const harness = new LauncherHarness(el);
      await waitUntil(() => el.style.getPropertyValue('--_brand'), 'the project applied');
      await el.updateComplete;
      expect(innerWidth - harness.button.getBoundingClientRect().right).to.be.closeTo(5, 1);
      expect(getComputedStyle(harness.button).backgroundColor).to.equal('rgb(0, 128, 0)');
    });
  });

  describe('opening and closing', () => {
    it('opens a labelled dialog with the welcome screen and focus in the message box; Escape returns focus', async () => {
      // Focus returns to the button in the window that has the focus, as a visitor's has (a file beside this one may have taken it).
      await focusWindow();
      const harness = await pageLoad();
      const opened = oneEvent(harness.el, 'sa-launcher-open');
      await openByButton(harness);
      await opened;
      expect(harness.isOpen).to.equal(true);
      expect(harness.panel!.getAttribute('role')).to.equal('dialog');
      await waitUntil(() => harness.title === 'Demo Assistant', 'the title from displayName');
      await waitUntil(() => harness.welcome() === 'Hi! 👋 How can I help you today?', 'the welcome screen');
      expect(harness.label).to.equal(en.closeChat);
      expect(harness.button.getAttribute('aria-expanded')).to.equal('true');
      expect(harness.announcement).to.equal(en.chatOpened);
      await expect(harness.el).to.be.accessible();
      expect(await requests('POST', '/conversations'), 'opening creates nothing').to.have.length(0);

      const closed = oneEvent(harness.el, 'sa-launcher-close');
      await sendKeys({press: 'Escape'});
      await closed;
      expect(harness.isOpen).to.equal(false);
      expect(deepActiveElement()).to.equal(harness.button);
      expect(harness.announcement).to.equal(en.chatClosed);
    });

    it('the close button closes and returns focus; open(), close() and toggle() work from script', async () => {
      // Focus returns to the button in the window that has the focus, as a visitor's has (a file beside this one may have taken it).
      await focusWindow();
      const harness = await pageLoad();
      await openByButton(harness);
      harness.headerButton(en.closeChat).click();
      await waitUntil(() => !harness.isOpen, 'closed');
      expect(deepActiveElement()).to.equal(harness.button);

      launcher(harness).open({message: 'Where is my order?'});
      await harness.waitForComposerFocus();
      expect(harness.input!.value).to.equal('Where is my order?');
      expect(await requests('POST', /messages$/), 'not sent').to.have.length(0);
      launcher(harness).toggle();
      await waitUntil(() => !harness.isOpen, 'toggled closed');
      launcher(harness).toggle();
      await waitUntil(() => harness.isOpen, 'toggled open');
      launcher(harness).close();
      await waitUntil(() => !harness.isOpen, 'closed again');
    });

    it('the first message of a new conversation creates it; "new conversation" goes back to the welcome screen', async () => {
      const harness = await pageLoad();
      await openByButton(harness);
      await harness.send('How do I track my order?');
      await harness.waitForReply();
      const [created] = await requests('POST', '/conversations');
      expect(created).to.exist;
      const firstId = harness.conversation.conversationId;
      expect(firstId).to.be.a('string');

      harness.headerButton(en.newConversation).click();
      await waitUntil(() => harness.welcome() !== '', 'the welcome screen again');
      await harness.waitForComposerFocus();
      expect(await requests('POST', '/conversations'), 'nothing created before a message').to.have.length(1);
    });

    it('the back view lists the earlier conversations; choosing one opens it', async () => {
      await seed(2);
      const harness = await pageLoad();
      await openByButton(harness);
      harness.headerButton(en.earlierConversations).click();
      await waitUntil(() => harness.rows().length === 2, 'the list');
      await expect(harness.el).to.be.accessible();
      harness.rows()[1].click();
      await waitUntil(() => harness.messages().length === 4, 'the chosen conversation');
      expect(harness.list).to.equal(null);
      await harness.waitForComposerFocus();
    });
  });

  describe('next to inline elements', () => {
    it('shares their session and cache, and passes its theme to the panel', async () => {
      fixtureCleanup();
      const page = await fixture<HTMLDivElement>(html`<div>
        <sa-conversation-list api-key=${apiKey} api-url=${apiUrl}></sa-conversation-list>
        <sa-launcher api-key=${apiKey} api-url=${apiUrl} theme="dark"></sa-launcher>
      </div>`);
      const list = page.querySelector('sa-conversation-list')!;
      const harness = new LauncherHarness(page.querySelector('sa-launcher')!);
      await openByButton(harness);
      expect(harness.conversation.getAttribute('theme')).to.equal('dark');
      await harness.send('Hello');
      await harness.waitForReply();
      await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~="item"]').length === 1, 'the page\'s list shows the new conversation');
      expect(await requests('POST', '/identity/init'), 'one visitor session for the page').to.have.length(1);
    });
  });

  describe('across page loads', () => {
    it('brings back the open panel and the conversation; a closed panel stays closed', async () => {
      let harness = await pageLoad();
      await openByButton(harness);
      await harness.send('How do I track my order?');
      await harness.waitForReply();
      const id = harness.conversation.conversationId;

      harness = await pageLoad();
      await waitUntil(() => harness.isOpen, 'open again after the reload');
      await waitUntil(() => harness.messages().length === 2, 'the same conversation');
      expect(harness.conversation.conversationId).to.equal(id);

      launcher(harness).close();
      harness = await pageLoad();
      await aTimeout(100);
      expect(harness.isOpen).to.equal(false);
      expect(harness.panel).to.equal(null);
      await openByButton(harness);
      await waitUntil(() => harness.messages().length === 2, 'still the same conversation');
    });

    it('does not reopen a conversation that was ended, by the site\'s staff or by the visitor', async () => {
      let harness = await pageLoad();
      await openByButton(harness);
      await harness.send('Hello');
      await harness.waitForReply();
      await control(`/conversations/${harness.conversation.conversationId}/close`, {closeReason: 'Resolved'});

      harness = await pageLoad();
      await waitUntil(() => harness.welcome() !== '', 'the welcome screen, not the ended conversation');
      expect(harness.messages()).to.deep.equal([]);

      await harness.send('Hello again');
      await harness.waitForReply();
      await harness.endConversation();
      harness = await pageLoad();
      await waitUntil(() => harness.welcome() !== '', 'the welcome screen after the visitor ended it');
      expect(harness.messages()).to.deep.equal([]);
    });

    it('openDelay opens it once for a visitor who never closed it, never again after they close it', async () => {
      await setProject({openDelay: 50});
      let harness = await pageLoad();
      const opened = oneEvent(harness.el, 'sa-launcher-open');
      await opened;
      expect(harness.isOpen).to.equal(true);
      expect(deepActiveElement(), 'opening by itself takes no focus').not.to.equal(harness.input);
      launcher(harness).close();

      harness = await pageLoad();
      await waitUntil(() => harness.el.style.getPropertyValue('--_brand'), 'the project read');
      await aTimeout(300);
      expect(harness.isOpen).to.equal(false);
    });

    it('keeps the state in memory when storage is blocked', async () => {
      const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
      Object.defineProperty(window, 'localStorage', {configurable: true, get: () => {
        throw new DOMException('blocked', 'SecurityError');
      }});
      try {
        let harness = await pageLoad();
        await openByButton(harness);
        harness = await pageLoad();
        await waitUntil(() => harness.isOpen, 'open again, from memory');
      } finally {
        Object.defineProperty(window, 'localStorage', original);
      }
    });
  });

  describe('unread replies', () => {
    it('counts an agent message that arrives while the panel is closed, and clears it on open', async () => {
      const harness = await pageLoad();
      await openByButton(harness);
      await harness.send('Can I talk to a person?');
      await harness.waitForReply();
      const id = harness.conversation.conversationId!;
      launcher(harness).close();
      await waitUntil(async () => (await sockets())[id] === 1, 'the conversation\'s socket');
      await control(`/conversations/${id}/agent-messages`, {content: 'Hi, Sam here.'});
      await waitUntil(() => harness.badge === '1', 'the badge');
      expect(harness.label).to.equal('Open chat, 1 unread message');
      expect(harness.announcement).to.equal('1 unread message');
      await expect(harness.el).to.be.accessible();
      await openByButton(harness);
      expect(harness.badge).to.equal('');
      expect(harness.label).to.equal(en.closeChat);
    });

    it('after a reload, watches only a remembered conversation a human handles, while closed', async () => {
      let harness = await pageLoad();
      await openByButton(harness);
      await harness.send('Can I talk to a person?');
      await harness.waitForReply();
      const id = harness.conversation.conversationId!;
      await control(`/conversations/${id}/agent-messages`, {content: 'Hi, Sam here.'});
      await waitUntil(() => harness.messages().length === 3, 'the agent message, seen');
      launcher(harness).close();
      fixtureCleanup();
      await waitUntil(async () => !(await sockets())[id], 'the page\'s socket gone');

      harness = await pageLoad();
      await waitUntil(async () => (await requests('GET', `/conversations/${id}`)).length > 0, 'the remembered conversation read');
      expect(harness.badge, 'what was seen is not unread').to.equal('');
      await waitUntil(async () => (await sockets())[id] === 1, 'the launcher\'s socket');
      await control(`/conversations/${id}/agent-messages`, {content: 'Are you still there?'});
      await waitUntil(() => harness.badge === '1', 'the badge from the watched conversation');
      expect(harness.label).to.equal('Open chat, 1 unread message');
      expect(harness.panel, 'still not rendered').to.equal(null);
    });
  });
});
