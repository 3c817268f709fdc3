// The adapter for our <sa-conversation>: an in-page client (a SiteAssistClient whose reads and
// send answer from memory) so only rendering is measured, never the network.
import {cycle, streamChunks, until, untilPainted} from './common.js';

const {SiteAssistClient, StreamedReply} = window.SiteAssistElements;

class InPageClient extends SiteAssistClient {
  /** The open send's `onText` and its completion, for `stream()` to drive. */
  pending = null;

  constructor(conversation) {
    // A token-only configuration: no project read and no hand-off socket for the fake URL.
    super({apiUrl: 'http://127.0.0.1:9/v2', token: 'bench'});
    this.conversation = conversation;
  }

  async getConversation() {
    return this.conversation;
  }

  sendMessage(_id, _message, {onUpdate}) {
    return new Promise((resolve) => (this.pending = {onUpdate, resolve}));
  }
}

let client = null;

function mount(conversation) {
  client = new InPageClient(conversation);
  const element = document.createElement('sa-conversation');
  element.client = client;
  element.conversationId = conversation.id;
  document.body.append(element);
  return element;
}

const shown = (element) => element.shadowRoot?.querySelectorAll('[part~="message"]').length ?? 0;
const showsAll = (element, conversation) => shown(element) >= conversation.messages.length && element.shadowRoot.querySelector('textarea, [part="footer"]');

async function mountShown(conversation) {
  const element = mount(conversation);
  await until(() => showsAll(element, conversation));
  return element;
}

window.widget = {
  async history(conversation) {
    const start = performance.now();
    const element = mount(conversation);
    await untilPainted(() => showsAll(element, conversation));
    return performance.now() - start;
  },

  async prepareStream(conversation) {
    const element = await mountShown({...conversation, messages: [], status: 'open', isHumanHandled: false});
    const input = element.shadowRoot.querySelector('textarea');
    input.value = 'Show me every step #long';
    input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
    await element.updateComplete;
    element.shadowRoot.querySelector('form').requestSubmit();
    await untilPainted(() => client.pending);
  },

  /** Streams the chunks; resolves with the time until the last one is painted and the characters then shown. */
  async stream(chunks) {
    const start = performance.now();
    // The reply built as the client builds it from a stream: one text part growing by each chunk.
    const streamed = new StreamedReply();
    streamed.apply({type: 'text-start', id: 'bench'});
    await streamChunks(chunks, (delta) => {
      const chunk = {type: 'text-delta', id: 'bench', delta};
      streamed.apply(chunk);
      client.pending.onUpdate(streamed, chunk);
    });
    const wallMs = performance.now() - start;
    const reply = document.querySelector('sa-conversation').shadowRoot.querySelector('[part~="streaming"] [part="bubble"]');
    const {text, parts} = streamed;
    client.pending.resolve({repliedBy: 'assistant', text, parts, messageId: undefined, metadata: undefined, aborted: false});
    return {wallMs, shownChars: reply.textContent.length};
  },

  cycles: (count, conversation) => cycle(count, () => mountShown(conversation)),
};
