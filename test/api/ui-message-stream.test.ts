import {expect} from '@open-wc/testing';
import {readUiMessageStream, type UiMessageChunk} from '../../src/api/ui-message-stream.js';
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

  it('rejects a malformed frame instead of skipping it', async () => {
    try {
      await collect(body('data: {"type":\n\n'));
      expect.fail('should reject');
    } catch (error) {
      expect((error as SiteAssistError).code).to.equal('INVALID_RESPONSE');
    }
  });
});
