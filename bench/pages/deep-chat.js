// The adapter for deep-chat: the same data through its documented `history` property and
// `connect.handler` streaming signals, so it renders exactly what ours renders.
import {cycle, painted, streamChunks, textOf, until, untilPainted} from './common.js';

let signals = null;

function mount(conversation, connect) {
  const element = document.createElement('deep-chat');
  element.history = conversation.messages.map((message) => ({role: message.role === 'user' ? 'user' : 'ai', text: textOf(message)}));
  element.chatStyle = {width: '400px', height: '600px'};
  if (connect) element.connect = connect;
  document.body.append(element);
  return element;
}

const shown = (element) => element.shadowRoot?.querySelectorAll('.outer-message-container').length ?? 0;
const showsAll = (element, conversation) => shown(element) >= conversation.messages.length && element.shadowRoot.querySelector('#text-input');

async function mountShown(conversation, connect) {
  const element = mount(conversation, connect);
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
    const handler = (_body, given) => {
      given.onOpen();
      signals = given;
    };
    const element = await mountShown({...conversation, messages: []}, {stream: true, handler});
    // Under load, a message submitted in the frame the input appears in was sometimes never sent.
    await painted();
    element.submitUserMessage({text: 'Show me every step #long'});
    // The user's message shows up a few tasks after the handler is called; stream only into a settled view.
    await untilPainted(() => signals && shown(element) >= 1);
  },

  /** Streams the chunks; resolves with the time until the last one is painted and the characters then shown. */
  async stream(chunks) {
    const start = performance.now();
    await streamChunks(chunks, (text) => signals.onResponse({text}));
    const wallMs = performance.now() - start;
    const replies = document.querySelector('deep-chat').shadowRoot.querySelectorAll('.ai-message-text');
    signals.onClose();
    return {wallMs, shownChars: replies[replies.length - 1].textContent.length};
  },

  cycles: (count, conversation) => cycle(count, () => mountShown(conversation)),
};
