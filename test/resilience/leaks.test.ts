/**
 * Issue 6, "no leaks": 1,002 mounts and removals of the three elements (a conversation by id, and a
 * handed-off one whose live-updates socket opens) leave no listener on window, document or the
 * shared client, no timer, no open socket and nothing observed. The client's cache is private and
 * not measured here.
 */
import {listenedTargets, listenerCount, observedCount, openSocketCount, socketsOpened, timerCount} from './instrument-leaks.js';
import {expect} from '@open-wc/testing';
import '../../src/sa-conversation-list.js';
import '../../src/sa-conversation.js';
import '../../src/sa-start-button.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {apiKey, apiUrl, resetEmulator, seed} from '../helpers/emulator.js';
import {waitUntil} from '../helpers/dom.js';

const CYCLES = 334;
/** Every so many cycles the elements stay until loaded, so reads, sockets and timers really start. */
const LOADED_EVERY = 10;

const counts = () => ({
  windowListeners: listenerCount(window),
  documentListeners: listenerCount(document),
  clientListeners: listenedTargets().filter((target) => target instanceof SiteAssistClient).reduce((sum, client) => sum + listenerCount(client), 0),
  timers: timerCount(),
  openSockets: openSocketCount(),
  observed: observedCount(),
});

function mount(conversationId: string): HTMLElement[] {
  const elements = ['sa-conversation-list', 'sa-conversation', 'sa-start-button'].map((tag) => {
    const element = document.createElement(tag);
    element.setAttribute('api-key', apiKey);
    element.setAttribute('api-url', apiUrl);
    element.setAttribute('for', 'leak-chat');
    return element;
  });
  elements[1].id = 'leak-chat';
  elements[1].setAttribute('conversation-id', conversationId);
  document.body.append(...elements);
  return elements;
}

const loaded = ([list, chat]: HTMLElement[]) =>
  list.shadowRoot!.querySelector('[part~="item"]') && chat.shadowRoot!.querySelector('[part~="message"]');

describe('resilience: no leaks', () => {
  before(resetEmulator);

  it('1,002 mounts and removals leave no listener, timer, socket or observation behind', async function () {
    this.timeout(60_000);
    const {conversationIds} = await seed(4, 2);
    const [plain, , , handedOff] = conversationIds;
    const baseline = counts();
    let mounts = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const elements = mount(cycle % 2 ? handedOff : plain);
      mounts += elements.length;
      await Promise.all(elements.map((element) => (element as HTMLElement & {updateComplete: Promise<boolean>}).updateComplete));
      if (cycle % LOADED_EVERY === 0) {
        await waitUntil(() => loaded(elements), `cycle ${cycle}: the list and the conversation load`);
        if (cycle % 2) await waitUntil(() => openSocketCount() > 0, `cycle ${cycle}: the live-updates socket opens`);
      }
      elements.forEach((element) => element.remove());
    }
    expect(mounts).to.equal(1002);
    expect(socketsOpened(), 'sockets were opened').to.be.greaterThan(0);
    // Removal is synchronous; closing a socket and a last fired timeout may take a moment.
    await waitUntil(() => JSON.stringify(counts()) === JSON.stringify(baseline), 'counts back to the baseline').catch(() => {});
    expect(counts()).to.deep.equal(baseline);
  });
});
