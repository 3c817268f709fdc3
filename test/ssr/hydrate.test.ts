// First, before anything loads Lit: LitElement hydrates a server-rendered shadow root only when this came before it.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import {expect, oneEvent} from '@open-wc/testing';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import type {SaConversationList} from '../../src/components/conversation-list/conversation-list.js';
import type {SaStartButton} from '../../src/components/start-button/start-button.js';
import {part, text, waitUntil} from '../helpers/dom.js';
import {resetEmulator, requests, testSession} from '../helpers/emulator.js';

/**
 * Server HTML hydrated in the browser: a start button, a list and a conversation, and then every
 * element the package registers, rendered by `@lit-labs/ssr` in Node (test/ssr/render.mjs, served by
 * web-test-runner.config.mjs), parsed with their declarative shadow roots, then defined. Hydration
 * keeps the server's nodes and wires them up; a first render that differs from the server's throws.
 */

describe('server-rendered elements', () => {
  let button: SaStartButton;
  let list: SaConversationList;
  let chat: SaConversation;
  let serverInput: HTMLTextAreaElement;
  let serverButton: HTMLElement;
  /** Each registered element, with the first node of its server shadow root. */
  let each: {el: HTMLElement & {hasUpdated: boolean}; serverNode: Element}[];

  before(async () => {
    await resetEmulator();
    const response = await fetch(`/test/ssr/server.html?session=${encodeURIComponent(testSession)}`);
    expect(response.status, await response.clone().text()).to.equal(200);
    const container = document.createElement('div');
    container.setHTMLUnsafe(await response.text());
    document.body.append(container);
    [button, list, chat] = [...container.querySelector('#wired')!.children] as [SaStartButton, SaConversationList, SaConversation];
    each = [...container.querySelector('#each')!.children].map((el) => ({
      el: el as HTMLElement & {hasUpdated: boolean},
      serverNode: [...el.shadowRoot!.children].find((child) => child.localName !== 'style')!,
    }));
    // Before any script: the shells are there, parsed from the server's declarative shadow DOM.
    serverInput = chat.shadowRoot!.querySelector('textarea')!;
    serverButton = part(button, 'button')!;
    expect(text(serverButton)).to.equal('Start a conversation');
    expect(serverInput.placeholder).to.equal('Write a message…');
    await import('../../src/index.js');
    await Promise.all([button, list, chat].map((el) => el.updateComplete));
  });

  after(() => button.closest('#wired')?.parentElement?.remove());

  it('every registered element hydrates its server shell', async () => {
    expect(each.map(({el}) => el.localName)).to.include.members(['sa-conversation', 'sa-conversation-list', 'sa-start-button']);
    for (const {el, serverNode} of each) {
      await waitUntil(() => el.hasUpdated, `expected <${el.localName}> to upgrade and update`);
      expect(serverNode, `<${el.localName}>'s server shell`).to.exist;
      expect(el.shadowRoot!.contains(serverNode), `<${el.localName}> kept its server nodes`).to.equal(true);
    }
  });

  it('arrive as the server rendered them and keep their nodes when they hydrate', () => {
    expect(button.hasUpdated && list.hasUpdated && chat.hasUpdated).to.equal(true);
    expect(part(button, 'button')).to.equal(serverButton);
    expect(chat.shadowRoot!.querySelector('textarea')).to.equal(serverInput);
  });

  it('then work: start a conversation, send a message, see the reply', async () => {
    await waitUntil(() => text(part(chat, 'title')) === 'Demo Assistant', 'expected the project to load after hydration');
    serverButton.click();
    // Starting shows the welcome screen with focus in the message box; the first message creates the conversation.
    await waitUntil(() => chat.shadowRoot!.activeElement === serverInput, 'expected the start button to focus the message box');
    serverInput.value = 'Hello from a hydrated page';
    serverInput.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
    const created = oneEvent(chat, 'sa-conversation-created');
    const received = oneEvent(chat, 'sa-message-received');
    await waitUntil(() => !(part(chat, 'send-button') as HTMLButtonElement | null)?.disabled, 'expected Send to enable');
    part(chat, 'send-button')!.click();
    const {conversation} = (await created).detail;
    const reply = (await received).detail;
    expect(reply.conversationId).to.equal(conversation.id);
    expect(reply.text).to.contain('Thanks for asking!');
    await waitUntil(() => text(chat.shadowRoot!.querySelector('[role="log"] [part~="assistant"]')).includes('Thanks for asking!'),
      'expected the reply in the log');
    await waitUntil(() => part(list, 'item')?.getAttribute('aria-current') === 'true', 'expected the list to show and mark it');
    expect(await requests('POST', `/conversations/${conversation.id}/messages`)).to.have.length(1);
  });
});
