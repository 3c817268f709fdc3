// Our elements against the emulator, as a site uses them: `?api=&key=&visitor=` (a seeded
// visitor's saVid), `&token=` (that visitor's session token, stored as after an earlier visit)
// and `&conversation=` to also show a conversation and a start button.
import {untilPainted} from './common.js';

const params = new URLSearchParams(location.search);
const key = params.get('key');
localStorage.setItem(`sa_vid_${key}`, params.get('visitor'));
if (params.has('token')) localStorage.setItem(`sa_token_${key}`, params.get('token'));

const configure = (element) => (element.setAttribute('api-key', key), element.setAttribute('api-url', params.get('api')), element);
const shown = (element, part) => element.shadowRoot?.querySelectorAll(`[part~="${part}"]`).length ?? 0;

window.live = {
  /**
   * Mounts a list of `count` conversations; resolves with the ms until the rows in view (as many as
   * fill the window, or all `count`) are painted. `allPainted` then resolves with the ms until all are.
   */
  async list(count) {
    const start = performance.now();
    const list = configure(document.createElement('sa-conversation-list'));
    list.limit = count;
    document.body.append(list);
    const all = () => shown(list, 'item') >= count;
    const lastRow = () => [...(list.shadowRoot?.querySelectorAll('[part~="item"]') ?? [])].at(-1);
    this.allPainted = untilPainted(all).then(() => performance.now() - start);
    await untilPainted(() => all() || lastRow()?.getBoundingClientRect().bottom >= innerHeight);
    return performance.now() - start;
  },

  /** Mounts list, conversation and start button on one key; resolves once list and conversation show. */
  async page(conversationId, messages) {
    const list = configure(document.createElement('sa-conversation-list'));
    const conversation = configure(document.createElement('sa-conversation'));
    conversation.conversationId = conversationId;
    document.body.append(list, conversation, configure(document.createElement('sa-start-button')));
    await untilPainted(() => shown(list, 'item') > 0 && shown(conversation, 'message') >= messages);
  },
};
