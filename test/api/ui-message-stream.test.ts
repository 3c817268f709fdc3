import {expect} from '@open-wc/testing';
import {StreamedReply, readUiMessageStream, type UiMessageChunk} from '../../src/api/ui-message-stream.js';
import {SiteAssistError} from '../../src/api/errors.js';

// Network chunking a server cannot be made to produce on demand: frames split at arbitrary
// bytes, CRLF line ends, comments. Built directly as a byte stream.
function body(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<UiMessageChunk[]> {
  const chunks: UiMessageChunk[] = [];
  for await (const chunk of readUiMessageStream(stream)) chunks.push(chunk);
  return chunks;
}

describe('readUiMessageStream', () => {
  it('reassembles frames split anywhere, including inside a multi-byte character', async () => {
    const frames = 'data: {"type":"start"}\n\ndata: {"type":"text-delta","id":"t","delta":"héllo 👋"}\n\n: comment\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n';
    const bytes = new TextEncoder().encode(frames);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const chunks = await collect(stream);
    expect(chunks.map((c) => c.type)).to.deep.equal(['start', 'text-delta', 'finish']);
    expect((chunks[1] as {delta: string}).delta).to.equal('héllo 👋');
  });

  it('accepts CRLF line ends and passes unknown frame types through for the caller to skip', async () => {
    const chunks = await collect(body('data: {"type":"reasoning-delta","delta":"x"}\r\n\r\ndata: {"type":"finish"}\r\n\r\n'));
    expect(chunks.map((c) => c.type)).to.deep.equal(['reasoning-delta', 'finish']);
  });

  it('treats a body that ends before finish or [DONE] as interrupted', async () => {
    try {
      await collect(body('data: {"type":"text-delta","id":"t","delta":"partial"}\n\n'));
      expect.fail('should reject');
    } catch (error) {
      expect((error as SiteAssistError).code).to.equal('STREAM_INTERRUPTED');
    }
  });

  it('ends normally after an abort part, even without [DONE]', async () => {
    const chunks = await collect(body('data: {"type":"start"}\n\ndata: {"type":"abort","reason":"stopped"}\n\n'));
    expect(chunks.map((c) => c.type)).to.deep.equal(['start', 'abort']);
  });

  it('rejects a malformed frame instead of skipping it', async () => {
    try {
      await collect(body('data: {"type":\n\n'));
      expect.fail('should reject');
    } catch (error) {
      expect((error as SiteAssistError).code).to.equal('INVALID_RESPONSE');
    }
  });
});

// Parts real providers stream and the SDK's mock model does not (streamed tool input, dynamic tools,
// reused text ids): what test/components/streamed-reply.test.ts cannot get from the `ai` package.
describe('StreamedReply', () => {
  const build = (...chunks: object[]) => {
    const reply = new StreamedReply();
    const added = chunks.map((chunk) => reply.apply(chunk as UiMessageChunk)).join('');
    return {reply, added};
  };

  it('keeps each text part apart, even when a later step reuses a text id, and adds a blank line between them', () => {
    const {reply, added} = build(
      {type: 'start-step'}, {type: 'text-start', id: '0'}, {type: 'text-delta', id: '0', delta: 'One.'}, {type: 'text-end', id: '0'},
      {type: 'finish-step'}, {type: 'start-step'}, {type: 'text-start', id: '0'}, {type: 'text-delta', id: '0', delta: 'Two.'}
    );
    expect(reply.parts).to.deep.equal([{type: 'step-start'}, {type: 'text', text: 'One.'}, {type: 'step-start'}, {type: 'text', text: 'Two.'}]);
    expect(reply.text).to.equal('One.\n\nTwo.');
    expect(added).to.equal(reply.text);
  });

  it('follows a tool call from streamed input to output, and a dynamic tool by name', () => {
    const {reply} = build(
      {type: 'tool-input-start', toolCallId: 'c', toolName: 'action_display-link'},
      {type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: '{"href"'},
      {type: 'tool-input-start', toolCallId: 'd', toolName: 'search', dynamic: true}
    );
    expect(reply.parts).to.deep.equal([
      {type: 'tool-action_display-link', toolCallId: 'c', state: 'input-streaming'},
      {type: 'dynamic-tool', toolName: 'search', toolCallId: 'd', state: 'input-streaming'},
    ]);
    reply.apply({type: 'tool-input-available', toolCallId: 'c', toolName: 'action_display-link', input: {href: 'https://x.example'}});
    reply.apply({type: 'tool-output-error', toolCallId: 'd', errorText: 'down'});
    reply.apply({type: 'tool-output-available', toolCallId: 'unknown', output: {}});
    expect(reply.parts).to.deep.equal([
      {type: 'tool-action_display-link', toolCallId: 'c', state: 'input-available', input: {href: 'https://x.example'}},
      {type: 'dynamic-tool', toolName: 'search', toolCallId: 'd', state: 'output-error', errorText: 'down'},
    ]);
  });

  it('takes the message id from start and merges metadata from start, message-metadata and finish', () => {
    const {reply} = build(
      {type: 'start', messageId: 'm1', messageMetadata: {model: 'x', usage: {input: 1}}},
      {type: 'message-metadata', messageMetadata: {usage: {output: 2}}},
      {type: 'finish', finishReason: 'stop', messageMetadata: {done: true}},
      {type: 'abort'}
    );
    expect(reply.messageId).to.equal('m1');
    expect(reply.metadata).to.deep.equal({model: 'x', usage: {input: 1, output: 2}, done: true});
    expect(reply.aborted).to.equal(true);
  });
});
