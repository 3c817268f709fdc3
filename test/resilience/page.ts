/** What the resilience tests look at in a page: the text and elements inside shadow roots. */
import {control} from '../helpers/emulator.js';
import {visitorId} from '../../src/api/visitor-storage.js';

export const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const part = (el: Element, name: string) => $(el, `[part~="${name}"]`);

/** Every element under `root`, through open shadow roots. */
export function allElements(root: Element | ShadowRoot | Document): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}

/** Seeds conversations for the current visitor of `apiKey` (emulator/README.md: index 3 handed off, 4 closed). */
export const seed = (apiKey: string, conversations: number, messagesPerConversation?: number) =>
  control<{conversationIds: string[]}>('/seed', {apiKey, saVid: visitorId(apiKey), conversations, messagesPerConversation});
