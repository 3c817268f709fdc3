/**
 * The emulator's reply streams against the real `ai` package (the Vercel AI SDK SiteAssist's server
 * streams with): the same bytes and headers `createUIMessageStreamResponse` sends for the same
 * parts, parts the SDK's own schema accepts, and a stored reply equal to what the SDK's client
 * builds from the stream. Also the `replies` option, which tests use to stream what `streamText` sends.
 *
 * Run: node --test test/emulator/
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {createUIMessageStream, createUIMessageStreamResponse, parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema} from 'ai';
import {startEmulator} from '../../emulator/server.mjs';
import {aiReplies} from '../helpers/ai-replies.mjs';
import {SAID} from '../helpers/ai-said.mjs';

const ai = aiReplies();
let emulator;
before(async () => (emulator = await startEmulator({paceMs: 0, rateLimit: null, replies: ai.reply})));
after(() => (ai.releaseAll(), emulator.close()));

async function conversationOfNewVisitor() {
  const post = (path, body, token) => fetch(`${emulator.apiUrl}${path}`, {method: 'POST',
    headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})}, body: JSON.stringify(body)});
  const {sessionToken} = await (await post('/identity/init', {apiKey: 'pk_demo', saVid: crypto.randomUUID()})).json();
  const {id} = await (await post('/conversations', {}, sessionToken)).json();
  const send = (content) => post(`/conversations/${id}/messages`, {content, stream: true}, sessionToken);
  const read = async () => (await (await fetch(`${emulator.apiUrl}/conversations/${id}`, {headers: {Authorization: `Bearer ${sessionToken}`}})).json());
  return {send, read};
}

/** The stream's parts as the SDK parses them (validated against its chunk schema). */
async function sdkChunks(body, onChunk = () => {}) {
  const chunks = [];
  for await (const result of parseJsonEventStream({stream: body, schema: uiMessageChunkSchema})) {
    assert.ok(result.success, `a part the ai package rejects: ${result.error}`);
    chunks.push(result.value);
    onChunk(result.value);
  }
  return chunks;
}

/** The message the SDK's client builds from these parts. */
async function sdkMessage(chunks) {
  let message;
  const stream = new ReadableStream({start(controller) {
    chunks.forEach((chunk) => controller.enqueue(chunk));
    controller.close();
  }});
  for await (const snapshot of readUIMessageStream({stream})) message = snapshot;
  return message;
}

test('a built-in reply is, byte for byte and header for header, what createUIMessageStreamResponse sends for its parts', async () => {
  const {send, read} = await conversationOfNewVisitor();
  const response = await send('How do I add the chat?');
  const [forBytes, forParts] = response.body.tee();
  const received = await new Response(forBytes).text();
  const chunks = await sdkChunks(forParts);

  const reference = createUIMessageStreamResponse({stream: createUIMessageStream({execute: ({writer}) => chunks.forEach((chunk) => writer.write(chunk))})});
  assert.equal(received, await reference.text());
  for (const [name, value] of reference.headers) assert.equal(response.headers.get(name), value, name);

  const built = await sdkMessage(chunks);
  const reply = (await read()).messages[1];
  assert.equal(built.id, reply.id);
  assert.deepEqual(reply.parts.map(({type, text}) => ({type, text})), built.parts.map(({type, text}) => ({type, text})));
});

test('replies: streams what streamText sends and stores the message the ai client builds from it', async () => {
  const {send, read} = await conversationOfNewVisitor();
  const response = await send('Where is my order? #ai:busy');
  // The scenario holds in its tool until released: release it once the call is under way.
  const chunks = await sdkChunks(response.body, (chunk) => chunk.type === 'tool-input-available' && ai.release('busy'));
  assert.deepEqual(chunks.map((chunk) => chunk.type), ['start', 'start-step', 'text-start', 'text-delta', 'text-end', 'tool-input-available',
    'tool-output-available', 'finish-step', 'start-step', 'text-start', 'text-delta', 'text-end', 'finish-step', 'finish']);
  const reply = (await read()).messages[1];
  assert.equal(reply.status, 'complete');
  assert.equal(reply.id, chunks[0].messageId);
  // As JSON, as the API answers it (the SDK's message carries some undefined fields).
  const built = JSON.parse(JSON.stringify(await sdkMessage(chunks)));
  assert.deepEqual(reply.parts, built.parts);
  assert.deepEqual(reply.metadata, built.metadata);
  assert.deepEqual(reply.parts.filter((p) => p.type === 'text').map((p) => p.text), [SAID.busyBefore, SAID.busyAfter]);
});
