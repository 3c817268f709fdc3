/**
 * The CDN script defines all four elements at load but sets up (finalises) only the classes a page
 * creates, so a page pays Lit's per-class setup for the elements it uses. Every documented way of
 * using them still works: markup present before the script upgrades with its attributes and with a
 * property set early (as frameworks do), `customElements.get` names every class from the start, and
 * every attribute an element observes reaches it. Imports nothing from src/.
 */
import {expect} from '@open-wc/testing';
import {loadCdnScript, shadow} from '../helpers/cdn-page.js';
import {resetEmulator} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

const allTags = ['sa-conversation-list', 'sa-conversation', 'sa-start-button', 'sa-launcher'] as const;
/** Lit's mark of a class it has set up (its own static `finalized`). */
const finalised = (tag: string) => Object.hasOwn(customElements.get(tag)!, 'finalized');

describe('the CDN script: elements defined at load, set up when first created', () => {
  let early: HTMLElement & {selected?: string; limit?: number};

  before(async () => {
    await resetEmulator();
    early = document.createElement('sa-conversation-list');
    early.setAttribute('limit', '3');
    early.selected = 'conversation-1';
    document.body.append(early);
    await loadCdnScript();
  });

  after(() => early.remove());

  it('names every class at once, and sets up only the one the page has', () => {
    for (const tag of allTags) expect(customElements.get(tag), tag).to.be.a('function');
    expect(finalised('sa-conversation-list'), 'the list on the page').to.equal(true);
    expect(allTags.filter((tag) => tag !== 'sa-conversation-list' && finalised(tag)), 'elements the page does not have').to.deep.equal([]);
  });

  it('upgrades markup present before the script with its attribute and its early property', async () => {
    expect(early.limit).to.equal(3);
    // `selected` reflects: set before the definition existed, it went through the element's property.
    await waitUntil(() => early.getAttribute('selected') === 'conversation-1', 'the early property, reflected');
    await waitUntil(() => shadow(early, '[part~="base"]'), 'the upgraded list renders');
  });

  it('delivers every attribute an element has to its property', () => {
    for (const tag of allTags) {
      // Lit's own record, complete once the class is set up (creating an element does it).
      const element = document.createElement(tag) as unknown as HTMLElement & Record<string, unknown>;
      const properties = (customElements.get(tag) as unknown as {elementProperties: Map<string, {attribute?: boolean | string}>}).elementProperties;
      const attributes = [...properties].filter(([, options]) => options.attribute !== false);
      expect(attributes.length, tag).to.be.at.least(3);
      for (const [property, options] of attributes) {
        const name = typeof options.attribute === 'string' ? options.attribute : property.toLowerCase();
        const before = element[property];
        // The browser reports only the attributes it read at define: one missing there never reaches the property.
        element.setAttribute(name, '1');
        expect(element[property], `${tag} ${name}`).to.not.equal(before);
      }
    }
  });
});
