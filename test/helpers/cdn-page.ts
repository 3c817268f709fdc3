/**
 * For tests of the built CDN file on a page of its own: no module of ours imported, only the classic
 * script and the elements' open shadow roots.
 */
import {expect} from '@open-wc/testing';
import {apiKey, apiUrl} from './emulator.js';
import {waitUntil} from './dom.js';

export const shadow = (el: Element | null, selector: string) => el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
export const shadowAll = (el: Element | null, selector: string) => [...(el?.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
export const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export const tags = ['sa-conversation-list', 'sa-conversation', 'sa-start-button'] as const;

/** Adds `/dist/siteassist-elements.js` (plus `query`, to load a second copy) as a site owner does: a classic script with the key on the tag. */
export function loadCdnScript(query = '', integrity = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    if (integrity) script.integrity = integrity;
    script.src = `/dist/siteassist-elements.js${query}`;
    script.dataset.apiKey = apiKey;
    script.dataset.apiUrl = apiUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/siteassist-elements.js did not load: run npm run build'));
    document.head.append(script);
  });
}

/**
 * What a visitor does on a page with the three elements (`for` wired): starts a conversation, asks a
 * question, sees it listed and reads the streamed reply with its code block and citation.
 */
export async function runChat([list, chat, start]: Array<Element | null>, Event = window.Event) {
  await waitUntil(() => text(shadow(chat, '[part~="welcome"]')) !== '', 'the welcome message from the project');
  shadow(start, '[part~="button"]')!.click();
  // Starting opens the welcome screen with focus in the message box; the first message creates the conversation.
  await waitUntil(() => chat!.shadowRoot!.activeElement?.localName === 'textarea', 'focus in the message box');
  const input = shadow(chat, 'textarea') as HTMLTextAreaElement;
  await waitUntil(() => input && !input.disabled, 'the composer');
  input.value = 'Where is my **order**?';
  input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  await waitUntil(() => !(shadow(chat, '[part~="send-button"]') as HTMLButtonElement)?.disabled, 'send enabled');
  shadow(chat, '[part~="send-button"]')!.click();
  await waitUntil(() => (chat as unknown as {conversationId?: string}).conversationId, 'the new conversation opens');
  await waitUntil(() => shadowAll(list, '[part~="item"]').length === 1, 'the list shows it');

  // Feedback buttons come with the finished reply.
  await waitUntil(() => shadow(chat, '[part~="feedback-button"]'), 'the finished reply');
  const reply = shadow(chat, '[part~="message"][part~="assistant"]')!;
  expect(reply.querySelector('pre code'), 'the reply\'s code block').to.exist;
  expect(reply.querySelector('a[part~="citation"]'), 'the reply\'s citation').to.exist;
  await waitUntil(() => text(shadow(list, '[part~="title"]')).startsWith('Where is my order'), 'the list shows the new title');
}
