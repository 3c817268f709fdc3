/**
 * The SiteAssist v2 emulator over real HTTP: contract behaviour, faults, hand-off WebSocket,
 * persistence and CORS. Every response the tests receive is checked against the OpenAPI document
 * unless a test says it is deliberately off-contract (injected broken bodies, unknown routes).
 *
 * Run: node --test test/emulator/
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import WebSocket from 'ws';
import {CITATION_LABEL, CITATION_URL} from '../../emulator/assistant.mjs';
import {Contract} from '../../emulator/contract.mjs';
import {ERROR_CODES} from '../../emulator/http.mjs';
import {CorruptStateError} from '../../emulator/persistence.mjs';
import {startEmulator} from '../../emulator/server.mjs';

const CLI = new URL('../../emulator/cli.mjs', import.meta.url).pathname;
const LOCAL_ORIGIN = 'http://localhost:8000';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {Contract} */
let contract;

before(async () => {
  contract = await Contract.load();
  emulator = await startEmulator({keys: ['pk_demo', 'pk_other'], paceMs: 0});
});
after(() => emulator.close());
beforeEach(() => control('/reset'));

/**
 * Calls the emulator's API and checks the answer against the contract.
 * @param {string} method
 * @param {string} path after /v2, with any query
 * @param {{token?: string, body?: unknown, rawBody?: string, headers?: Record<string, string>, offContract?: boolean, signal?: AbortSignal, base?: string}} [options]
 */
async function call(method, path, {token, body, rawBody, headers = {}, offContract = false, signal, base = emulator.apiUrl} = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    signal,
    headers: {...(token ? {Authorization: `Bearer ${token}`} : {}), ...(body !== undefined ? {'Content-Type': 'application/json'} : {}), ...headers},
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const json = contentType?.startsWith('application/json') && !offContract ? JSON.parse(text) : undefined;
  if (!offContract) {
    const problems = contract.validateResponse({method, path: path.split('?')[0], status: response.status, contentType, body: json ?? text});
    assert.deepEqual(problems, [], `${method} ${path} → ${response.status} should match the contract`);
  }
  return {status: response.status, headers: response.headers, json, text};
}

/** Calls a control endpoint; fails the test on a non-2xx answer unless `expectStatus` says otherwise. */
async function control(path, body, {method = 'POST', expectStatus} = {}) {
  const response = await fetch(`${emulator.url}/__control${path}`, {
    method,
    headers: body === undefined ? {} : {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (expectStatus === undefined) assert.ok(response.ok, `control ${path}: ${response.status} ${text}`);
  else assert.equal(response.status, expectStatus, text);
  return text ? JSON.parse(text) : undefined;
}

const fault = (spec) => control('/faults', spec);

async function newVisitor({saVid = randomUUID(), apiKey = 'pk_demo'} = {}) {
  const {status, json} = await call('POST', '/identity/init', {body: {apiKey, saVid}});
  assert.equal(status, 201);
  return {token: json.sessionToken, visitor: json.visitor, saVid};
}

async function newConversation(token, body) {
  const {status, json} = await call('POST', '/conversations', {token, body});
  assert.equal(status, 201);
  return json;
}

/** The JSON frames of an event stream, with `[DONE]` kept as a string. */
function framesOf(text) {
  return text.split('\n\n').filter(Boolean).map((block) => {
    assert.match(block, /^data: /, 'every frame is a data line');
    const data = block.slice('data: '.length);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

const send = (token, conversationId, body, options) => call('POST', `/conversations/${conversationId}/messages`, {token, body, ...options});

function assertError(response, code, details) {
  assert.equal(response.status, ERROR_CODES[code].status, response.text);
  assert.equal(response.json.error.code, code);
  assert.equal(typeof response.json.error.message, 'string');
  if (details) assert.deepEqual(response.json.error.details, details);
}

describe('identity', () => {
  test('init creates a visitor once per saVid and key, then recognises it', async () => {
    const first = await newVisitor();
    const again = await call('POST', '/identity/init', {body: {apiKey: 'pk_demo', saVid: first.saVid}});
    assert.equal(again.status, 200);
    assert.equal(again.json.visitor.id, first.visitor.id);
    assert.notEqual(again.json.sessionToken, first.token);
    assert.deepEqual(first.visitor, {object: 'visitor', id: first.visitor.id, type: 'anonymous', externalId: null, name: null, avatarUrl: null});

    const otherProject = await newVisitor({saVid: first.saVid, apiKey: 'pk_other'});
    assert.notEqual(otherProject.visitor.id, first.visitor.id, 'visitors are per project');
  });

  test('init rejects an unknown key and invalid device ids', async () => {
    assertError(await call('POST', '/identity/init', {body: {apiKey: 'pk_nope', saVid: 'abc'}}), 'UNAUTHORIZED');
    assertError(await call('POST', '/identity/init', {body: {apiKey: 'pk_demo', saVid: 'x'.repeat(101)}}), 'VALIDATION_ERROR',
      {field: 'saVid', reason: 'SaVid exceeds maximum length of 100 characters'});
    assertError(await call('POST', '/identity/init', {body: {apiKey: 'pk_demo'}}), 'INVALID_REQUEST_BODY', {field: 'saVid'});
    assertError(await call('POST', '/identity/init', {body: {apiKey: 'pk_demo', saVid: ''}}), 'INVALID_REQUEST_BODY', {field: 'saVid'});
  });

  test('me answers for a valid token and 401 for a missing, bad or expired one', async () => {
    const {token, visitor} = await newVisitor();
    assert.deepEqual((await call('GET', '/identity/me', {token})).json, visitor);

    const missing = await call('GET', '/identity/me');
    assertError(missing, 'UNAUTHORIZED');
    assert.equal(missing.json.error.message, 'Authentication required');
    assertError(await call('GET', '/identity/me', {token: 'sat_forged'}), 'UNAUTHORIZED');

    await control('/settings', {tokenTtlSeconds: 0.2});
    const shortLived = await newVisitor();
    assert.equal((await call('GET', '/identity/me', {token: shortLived.token})).status, 200);
    await sleep(250);
    assertError(await call('GET', '/identity/me', {token: shortLived.token}), 'UNAUTHORIZED');
  });
});

describe('project', () => {
  test('current project per key, 401 for an unknown key, 422 without a key', async () => {
    const {status, json} = await call('GET', '/projects/current?apiKey=pk_demo');
    assert.equal(status, 200);
    assert.equal(json.name, 'Demo Store');
    assert.equal(json.chatWidgetConfig.welcomeMessage, 'Hi! 👋 How can I help you today?');
    assert.equal(json.chatWidgetConfig.inputPlaceholder, 'Ask a question…');
    assert.equal(json.chatWidgetConfig.displayName, 'Demo Assistant');
    assert.equal(json.chatWidgetConfig.brandColor, '#4f46e5');
    assert.notEqual((await call('GET', '/projects/current?apiKey=pk_other')).json.id, json.id);

    assertError(await call('GET', '/projects/current?apiKey=pk_nope'), 'UNAUTHORIZED');
    assertError(await call('GET', '/projects/current'), 'VALIDATION_ERROR', {field: 'apiKey', reason: 'apiKey is required'});
  });
});

describe('control: project and assistant messages', () => {
  test('/project overrides the name and widget texts of one key until the next reset', async () => {
    await control('/project', {apiKey: 'pk_demo', name: '<b>Store</b>', chatWidgetConfig: {welcomeMessage: '<script>x</script>', displayName: null}});
    const {json} = await call('GET', '/projects/current?apiKey=pk_demo');
    assert.equal(json.name, '<b>Store</b>');
    assert.equal(json.chatWidgetConfig.welcomeMessage, '<script>x</script>');
    assert.equal(json.chatWidgetConfig.displayName, null);
    assert.equal(json.chatWidgetConfig.inputPlaceholder, 'Ask a question…');
    assert.equal((await call('GET', '/projects/current?apiKey=pk_other')).json.name, 'Demo Store');
    await control('/reset');
    assert.equal((await call('GET', '/projects/current?apiKey=pk_demo')).json.name, 'Demo Store');
    await control('/project', {apiKey: 'pk_nope'}, {expectStatus: 401});
  });

  test('/project carries the launcher\'s chatWidgetConfig over the demo defaults', async () => {
    const before = (await call('GET', '/projects/current?apiKey=pk_demo')).json.chatWidgetConfig;
    assert.deepEqual([before.position, before.offset, before.width, before.maxHeight, before.openDelay], ['bottom-right', {x: 20, y: 20}, 400, 680, 0]);
    const launcher = {position: 'bottom-left', offset: {x: 40, y: 30}, width: 320, bubbleRadius: 8, openDelay: 50,
      chatButtonIcon: 'javascript:alert(1)', chatButtonColor: '#c00', assistantAvatar: 'https://example.com/a.png'};
    await control('/project', {apiKey: 'pk_demo', chatWidgetConfig: launcher});
    const after = (await call('GET', '/projects/current?apiKey=pk_demo')).json.chatWidgetConfig;
    assert.deepEqual(Object.fromEntries(Object.keys(launcher).map((key) => [key, after[key]])), launcher);
    assert.equal(after.maxHeight, 680, 'fields not given keep the demo value');
    await control('/project', {apiKey: 'pk_demo', chatWidgetConfig: {offset: {x: 1}}}, {expectStatus: 400});
  });

  test('/conversations/{id}/assistant-messages stores a reply with an optional link action', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    await control(`/conversations/${id}/assistant-messages`, {content: 'See the guide.', linkAction: {buttonLabel: 'Guide', href: 'javascript:alert(1)'}});
    const [message] = (await call('GET', `/conversations/${id}`, {token})).json.messages;
    assert.equal(message.role, 'assistant');
    assert.deepEqual(message.parts[0], {type: 'text', text: 'See the guide.'});
    assert.equal(message.parts[1].type, 'tool-action_display-link');
    assert.deepEqual([message.parts[1].output.buttonLabel, message.parts[1].output.href], ['Guide', 'javascript:alert(1)']);
  });
});

describe('conversation list', () => {
  const ORDER_FIELDS = ['id', 'createdAt', 'updatedAt', 'lastInteractionAt', 'status', 'closedAt', 'isHumanHandled', 'title'];
  let token;
  let ids;

  beforeEach(async () => {
    ({token} = await newVisitor());
    ids = [];
    for (let i = 0; i < 7; i++) ids.push((await newConversation(token)).id);
    await call('POST', `/conversations/${ids[1]}/close`, {token, body: {closeReason: 'Done'}});
    await send(token, ids[2], {content: 'Hello there'});
    await control(`/conversations/${ids[3]}/handoff`, {agentName: 'Ana'});
  });

  test('pages with total, limit and offset; defaults to lastInteractionAt desc', async () => {
    const page = await call('GET', '/conversations?limit=3', {token});
    assert.equal(page.json.object, 'list');
    assert.equal(page.json.total, 7);
    assert.equal(page.json.limit, 3);
    assert.equal(page.json.offset, 0);
    assert.equal(page.json.data[0].id, ids[2], 'the conversation with the newest message comes first');
    assert.equal(page.json.data[0].lastMessage.role, 'assistant');
    assert.equal(page.json.data[0].title, 'Hello there');
    assert.ok(page.json.data.every((c) => !('messages' in c) && !('lastInterationAt' in c)));

    const all = await call('GET', '/conversations?limit=100', {token});
    assert.equal(all.json.data.length, 7);
    const times = all.json.data.map((c) => c.lastInteractionAt);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal((await call('GET', '/conversations?offset=', {token})).json.offset, 0, 'an empty offset means 0');
    assert.equal((await call('GET', '/conversations?offset=null', {token})).json.offset, 0);
    assert.equal((await call('GET', '/conversations?offset=6', {token})).json.data.length, 1);
  });

  test('every order field, both directions, pages without overlap', async () => {
    for (const orderBy of ORDER_FIELDS) {
      for (const orderDir of ['asc', 'desc']) {
        const seen = [];
        for (let offset = 0; offset < 7; offset += 3) {
          const page = await call('GET', `/conversations?limit=3&offset=${offset}&orderBy=${orderBy}&orderDir=${orderDir}`, {token});
          seen.push(...page.json.data.map((c) => c.id));
        }
        assert.deepEqual([...seen].sort(), [...ids].sort(), `${orderBy} ${orderDir} covers every conversation once`);
      }
    }
    const byId = await call('GET', '/conversations?orderBy=id&orderDir=asc', {token});
    assert.deepEqual(byId.json.data.map((c) => c.id), [...ids].sort());
    const humanFirst = await call('GET', '/conversations?orderBy=isHumanHandled&orderDir=desc', {token});
    assert.equal(humanFirst.json.data[0].id, ids[3]);
  });

  test('accepts the legacy spelling lastInterationAt', async () => {
    const legacy = await call('GET', '/conversations?orderBy=lastInterationAt&limit=100', {token});
    const current = await call('GET', '/conversations?orderBy=lastInteractionAt&limit=100', {token});
    assert.deepEqual(legacy.json.data.map((c) => c.id), current.json.data.map((c) => c.id));
  });

  test('filters by status', async () => {
    const closed = await call('GET', '/conversations?status=closed', {token});
    assert.deepEqual(closed.json.data.map((c) => c.id), [ids[1]]);
    assert.equal(closed.json.total, 1);
    assert.equal((await call('GET', '/conversations?status=open', {token})).json.total, 6);
  });

  test('each out-of-range or unknown value is a 422 naming the parameter', async () => {
    const cases = {limit: ['0', '101', '2.5', 'ten'], offset: ['-1', 'x'], status: ['archived'], orderBy: ['name'], orderDir: ['up']};
    for (const [field, values] of Object.entries(cases)) {
      for (const value of values) {
        const response = await call('GET', `/conversations?${field}=${value}`, {token});
        assertError(response, 'VALIDATION_ERROR');
        assert.equal(response.json.error.details.field, field, `${field}=${value}`);
        assert.equal(typeof response.json.error.details.reason, 'string');
      }
    }
  });

  test('only the visitor\'s own conversations', async () => {
    const other = await newVisitor();
    assert.equal((await call('GET', '/conversations', {token: other.token})).json.total, 0);
  });
});

describe('conversations', () => {
  test('create, get and close (idempotently)', async () => {
    const {token} = await newVisitor();
    const created = await newConversation(token, {context: {pageUrl: 'https://shop.example.com/pricing'}});
    assert.deepEqual(created.messages, []);
    assert.equal(created.title, null);
    assert.equal(created.status, 'open');
    assert.equal(created.lastInteractionAt, created.createdAt);

    const fetched = await call('GET', `/conversations/${created.id}`, {token});
    assert.deepEqual(fetched.json, created);

    const closed = await call('POST', `/conversations/${created.id}/close`, {token, body: {closeReason: 'Resolved'}});
    assert.deepEqual(closed.json, {success: true});
    const afterClose = (await call('GET', `/conversations/${created.id}`, {token})).json;
    assert.equal(afterClose.status, 'closed');
    assert.equal(afterClose.closeReason, 'Resolved');
    assert.ok(afterClose.closedAt);

    const again = await call('POST', `/conversations/${created.id}/close`, {token});
    assert.equal(again.status, 200);
    assert.equal(again.json.success, true);
    assert.equal((await call('GET', `/conversations/${created.id}`, {token})).json.closedAt, afterClose.closedAt, 'closing twice keeps the first close');

    assertError(await call('POST', `/conversations/${created.id}/close`, {token, body: {closeReason: 'x'.repeat(257)}}), 'VALIDATION_ERROR');
    assertError(await call('POST', '/conversations', {token, body: {context: {pageUrl: 'not a url'}}}), 'VALIDATION_ERROR');
  });

  test('another visitor gets 403; another project or an unknown id gets 404 with the id', async () => {
    const owner = await newVisitor();
    const {id} = await newConversation(owner.token);
    const stranger = await newVisitor();
    for (const [method, path, body] of [['GET', `/conversations/${id}`], ['GET', `/conversations/${id}/messages`],
      ['POST', `/conversations/${id}/close`, {}], ['POST', `/conversations/${id}/messages`, {content: 'hi'}]]) {
      const response = await call(method, path, {token: stranger.token, body});
      assertError(response, 'FORBIDDEN');
      assert.equal(response.json.error.message, 'Access denied to this conversation');
    }
    const elsewhere = await newVisitor({apiKey: 'pk_other'});
    assertError(await call('GET', `/conversations/${id}`, {token: elsewhere.token}), 'CONVERSATION_NOT_FOUND', {conversationId: id});

    const unknown = randomUUID();
    const missing = await call('GET', `/conversations/${unknown}`, {token: owner.token});
    assertError(missing, 'CONVERSATION_NOT_FOUND', {conversationId: unknown});
    assert.equal(missing.json.error.message, 'Conversation not found!');
  });
});

describe('sending messages', () => {
  let token;
  let conversationId;
  beforeEach(async () => {
    ({token} = await newVisitor());
    conversationId = (await newConversation(token)).id;
  });

  test('content is required, not blank, at most 10,000 characters; the body must be JSON', async () => {
    for (const body of [{}, {content: ''}, {content: '  \n '}]) {
      const response = await send(token, conversationId, body);
      assertError(response, 'INVALID_REQUEST_BODY', {field: 'content'});
      assert.equal(response.json.error.message, 'Invalid request body. Content is required.');
    }
    const tooLong = await send(token, conversationId, {content: 'x'.repeat(10_001)});
    assertError(tooLong, 'VALIDATION_ERROR', {field: 'content', reason: 'Content exceeds maximum length of 10000 characters'});
    assert.equal(tooLong.json.error.message, 'Validation failed');
    assert.equal((await send(token, conversationId, {content: 'x'.repeat(10_000)})).status, 200);

    assertError(await call('POST', `/conversations/${conversationId}/messages`, {token, rawBody: '{content: "hi"', headers: {'Content-Type': 'application/json'}}), 'INVALID_REQUEST_BODY');
    assertError(await send(token, conversationId, {content: 42}), 'INVALID_REQUEST_BODY', {field: 'content', reason: 'content must be string'});
    const noToken = await send(undefined, conversationId, {content: 'hi'});
    assertError(noToken, 'UNAUTHORIZED');
    const messages = (await call('GET', `/conversations/${conversationId}/messages`, {token})).json.data;
    assert.equal(messages.length, 2, 'rejected sends store nothing');
  });

  test('a streamed reply: frames in order, deltas of 1–4 words, a rich markdown answer, ending with [DONE]', async () => {
    const content = 'How do I add the chat to my site?';
    const response = await send(token, conversationId, {content, stream: true,
      pageContext: {url: 'https://shop.example.com/help', title: 'Help', textSelection: 'add the chat'}});
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(response.headers.get('x-vercel-ai-ui-message-stream'), 'v1');

    const frames = framesOf(response.text);
    const types = frames.map((f) => (f === '[DONE]' ? f : f.type));
    const deltas = frames.filter((f) => f.type === 'text-delta');
    assert.deepEqual(types, ['start', 'start-step', 'text-start', ...deltas.map(() => 'text-delta'), 'text-end', 'finish-step', 'finish', '[DONE]']);
    assert.ok(deltas.length > 20);
    assert.ok(deltas.every((d) => d.id === frames[2].id));
    assert.ok(deltas.every((d) => {
      const words = d.delta.trim().split(/\s+/).length;
      return words >= 1 && words <= 4;
    }), 'each delta is 1–4 words');

    const reply = deltas.map((d) => d.delta).join('');
    assert.ok(reply.startsWith(`> ${content}\n\n`), 'quotes the question as a blockquote');
    assert.match(reply, /^- .+$/m, 'a bullet list');
    assert.match(reply, /^```html\n[\s\S]+?\n```$/m, 'a fenced code block');
    assert.match(reply, /\[installation guide\]\(https:\/\/docs\.example\.com\/install\)/, 'an inline link');
    assert.ok(reply.includes(`[${CITATION_LABEL}][1]`), 'a citation marker');
    assert.ok(reply.includes(`[1]: <${CITATION_URL}> "${CITATION_LABEL}"`), 'a citation definition');

    const conversation = (await call('GET', `/conversations/${conversationId}`, {token})).json;
    const [question, answer] = conversation.messages;
    assert.equal(question.role, 'user');
    assert.deepEqual(question.parts, [{type: 'text', text: content}]);
    assert.equal(question.pageUrl, 'https://shop.example.com/help');
    assert.equal(question.pageTitle, 'Help');
    assert.equal(question.textSelection, 'add the chat');
    assert.equal(answer.id, frames[0].messageId, 'the start frame announces the stored message id');
    assert.equal(answer.role, 'assistant');
    assert.equal(answer.status, 'complete');
    assert.equal(answer.parts.find((p) => p.type === 'text').text, reply);
    assert.equal(conversation.title, 'How do I add the chat…', 'titled after the first exchange from its first words');
    assert.equal(conversation.lastInteractionAt, answer.createdAt);
  });

  test('a non-streamed reply is the steps JSON', async () => {
    const response = await send(token, conversationId, {content: 'Where are my invoices?', stream: false});
    assert.equal(response.status, 200);
    const [step] = response.json.steps;
    assert.equal(step.finishReason, 'stop');
    assert.equal(step.content[0].type, 'text');
    assert.ok(step.content[0].text.startsWith('> Where are my invoices?'));
    assert.ok(step.usage.inputTokens > 0 && step.usage.outputTokens > 0);
    assert.equal((await call('GET', `/conversations/${conversationId}`, {token})).json.title, 'Where are my invoices?');
  });

  test('#long:N asks for a reply of about N characters', async () => {
    const response = await send(token, conversationId, {content: 'Benchmark please #long:20000'});
    const length = response.json.steps[0].content[0].text.length;
    assert.ok(length >= 20_000 && length < 21_000, `reply length ${length}`);
  });

  test('a closed conversation takes no messages (422 on conversationId)', async () => {
    await call('POST', `/conversations/${conversationId}/close`, {token});
    assertError(await send(token, conversationId, {content: 'hi'}), 'VALIDATION_ERROR', {field: 'conversationId', reason: 'Conversation is closed'});
  });

  test('a client that goes away mid-stream stops the reply, stored as a partial error', async () => {
    await control('/settings', {paceMs: 20});
    const abort = new AbortController();
    const response = await fetch(`${emulator.apiUrl}/conversations/${conversationId}/messages`, {method: 'POST', signal: abort.signal,
      headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'}, body: JSON.stringify({content: 'Tell me everything', stream: true})});
    const reader = response.body.getReader();
    let received = '';
    while ((received.match(/text-delta/g) ?? []).length < 3) received += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    await sleep(100);
    const [, answer] = (await call('GET', `/conversations/${conversationId}/messages`, {token})).json.data;
    assert.equal(answer.status, 'error');
    assert.match(answer.error, /interrupted/);
    const partial = answer.parts.find((p) => p.type === 'text').text;
    assert.ok(partial.length > 0 && partial.length < 200, `partial reply of ${partial.length} characters`);
  });

  test('messages list oldest first, with role, status, limit and offset', async () => {
    await send(token, conversationId, {content: 'one'});
    await send(token, conversationId, {content: 'two'});
    const all = (await call('GET', `/conversations/${conversationId}/messages`, {token})).json;
    assert.equal(all.object, 'list');
    assert.deepEqual(all.data.map((m) => m.role), ['user', 'assistant', 'user', 'assistant']);
    assert.deepEqual((await call('GET', `/conversations/${conversationId}/messages?role=user`, {token})).json.data.map((m) => m.parts[0].text), ['one', 'two']);
    assert.equal((await call('GET', `/conversations/${conversationId}/messages?status=complete&limit=1&offset=1`, {token})).json.data[0].id, all.data[1].id);
    assertError(await call('GET', `/conversations/${conversationId}/messages?limit=1001`, {token}), 'VALIDATION_ERROR');
    assertError(await call('GET', `/conversations/${conversationId}/messages?role=bot`, {token}), 'VALIDATION_ERROR');
  });
});

describe('feedback', () => {
  test('like, dislike and clear on replies; refused on the visitor\'s own messages and others\' replies', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    await send(token, id, {content: 'hello'});
    const [question, answer] = (await call('GET', `/conversations/${id}/messages`, {token})).json.data;
    const rate = (messageId, feedback, as = token) => call('POST', `/messages/${messageId}/feedback`, {token: as, body: {feedback}});

    assert.deepEqual((await rate(answer.id, 'like')).json, {feedback: 'like'});
    let stored = (await call('GET', `/conversations/${id}/messages`, {token})).json.data[1];
    assert.equal(stored.feedback, 'like');
    assert.ok(stored.feedbackAt);
    assert.deepEqual((await rate(answer.id, 'dislike')).json, {feedback: 'dislike'});
    assert.deepEqual((await rate(answer.id, null)).json, {feedback: null});
    stored = (await call('GET', `/conversations/${id}/messages`, {token})).json.data[1];
    assert.equal(stored.feedback, null);
    assert.equal(stored.feedbackAt, null);

    assertError(await rate(question.id, 'like'), 'VALIDATION_ERROR', {field: 'messageId', reason: 'Only assistant and human agent messages take feedback'});
    assertError(await rate(answer.id, 'love'), 'VALIDATION_ERROR');
    assertError(await call('POST', `/messages/${answer.id}/feedback`, {token, body: {}}), 'INVALID_REQUEST_BODY', {field: 'feedback'});
    const unknown = randomUUID();
    assertError(await rate(unknown, 'like'), 'CONVERSATION_NOT_FOUND', {messageId: unknown});
    assertError(await rate(answer.id, 'like', (await newVisitor()).token), 'FORBIDDEN');
  });
});

describe('human hand-off', () => {
  /** @type {WebSocket[]} */
  let sockets = [];
  afterEach(() => {
    for (const ws of sockets) ws.terminate();
    sockets = [];
  });

  /** Opens the hand-off socket and resolves once it is open, with a queue of received texts. */
  async function openSocket(conversationId, apiKey = 'pk_demo') {
    const ws = new WebSocket(`${emulator.apiUrl.replace('http', 'ws')}/conversations/${conversationId}/ws?apiKey=${apiKey}`, {origin: LOCAL_ORIGIN});
    sockets.push(ws);
    const received = [];
    const waiting = [];
    ws.on('message', (data) => {
      const text = data.toString();
      const next = waiting.shift();
      if (next) next(text);
      else received.push(text);
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (_, res) => reject(Object.assign(new Error('refused'), {status: res.statusCode})));
      ws.once('error', reject);
    });
    return {ws, next: () => (received.length ? Promise.resolve(received.shift()) : new Promise((resolve) => waiting.push(resolve)))};
  }

  test('ping/pong, human_assigned, 202 sends without AI reply, and new_message for agent messages', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    const socket = await openSocket(id);

    socket.ws.send('ping');
    assert.equal(await socket.next(), 'pong');
    assert.deepEqual(await control('/sockets', undefined, {method: 'GET'}), {[id]: 1}, 'GET /__control/sockets counts it');

    const handedOff = await control(`/conversations/${id}/handoff`, {agentName: 'Ana', agentImage: 'https://example.com/ana.png'});
    assert.deepEqual(JSON.parse(await socket.next()), {type: 'human_assigned'});
    assert.equal(handedOff.isHumanHandled, true);
    assert.deepEqual(handedOff.humanAgent, {name: 'Ana', image: 'https://example.com/ana.png'});

    const sent = await send(token, id, {content: 'Are you a person?', stream: true});
    assert.equal(sent.status, 202);
    assert.match(sent.headers.get('content-type'), /^text\/plain/);
    assert.equal(sent.text, 'Message sent');

    const agentMessage = await control(`/conversations/${id}/agent-messages`, {content: 'Yes, I am Ana.'});
    const event = JSON.parse(await socket.next());
    assert.equal(event.type, 'new_message');
    assert.deepEqual(event.message, agentMessage);
    assert.equal(agentMessage.role, 'human_agent');
    assert.deepEqual(agentMessage.humanAgent, {name: 'Ana', image: 'https://example.com/ana.png'});

    const conversation = (await call('GET', `/conversations/${id}`, {token})).json;
    assert.deepEqual(conversation.messages.map((m) => m.role), ['user', 'human_agent'], 'no AI reply while a human handles it');
    assert.deepEqual(conversation.humanAgent, {name: 'Ana', image: 'https://example.com/ana.png'});
    assert.equal(conversation.lastInteractionAt, agentMessage.createdAt);
  });

  test('an agent message hands off a conversation that was not yet', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    const socket = await openSocket(id);
    await control(`/conversations/${id}/agent-messages`, {content: 'Hi, can I help?'});
    assert.deepEqual(JSON.parse(await socket.next()), {type: 'human_assigned'});
    assert.equal(JSON.parse(await socket.next()).type, 'new_message');
    const conversation = (await call('GET', `/conversations/${id}`, {token})).json;
    assert.equal(conversation.isHumanHandled, true);
    assert.deepEqual(conversation.humanAgent, {name: null, image: null});
  });

  test('the socket refuses unknown keys, other projects and unknown conversations', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    await assert.rejects(openSocket(id, 'pk_nope'), {status: 401});
    await assert.rejects(openSocket(id, 'pk_other'), {status: 404});
    await assert.rejects(openSocket(randomUUID()), {status: 404});
  });

  test('staff can close a conversation', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    const closed = await control(`/conversations/${id}/close`, {closeReason: 'Handled by phone'});
    assert.equal(closed.status, 'closed');
    assert.equal((await call('GET', `/conversations/${id}`, {token})).json.closeReason, 'Handled by phone');
    await control(`/conversations/${randomUUID()}/close`, {}, {expectStatus: 404});
  });
});

describe('rate limit', () => {
  test('sends over the limit get 429 with Retry-After and details.retryAfter; creates have their own window', async () => {
    await control('/settings', {rateLimit: {messages: 2, windowSeconds: 30}});
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    assert.equal((await send(token, id, {content: 'one'})).status, 200);
    assert.equal((await send(token, id, {content: 'two'})).status, 200);
    const limited = await send(token, id, {content: 'three'});
    assertError(limited, 'RATE_LIMIT_EXCEEDED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.equal(limited.json.error.details.retryAfter, retryAfter);
    assert.equal(limited.json.error.message, 'Rate limit exceeded. Please try again later.');
    assert.equal((await call('GET', `/conversations/${id}/messages?role=user`, {token})).json.data.length, 2, 'the limited send stored nothing');

    assert.equal((await newConversation(token)).object, 'conversation');
    assertError(await call('POST', '/conversations', {token}), 'RATE_LIMIT_EXCEEDED');
    const other = await newVisitor();
    assert.equal((await send(other.token, (await newConversation(other.token)).id, {content: 'x'})).status, 200, 'limits are per visitor');

    await control('/settings', {rateLimit: null});
    assert.equal((await send(token, id, {content: 'unlimited'})).status, 200);
  });
});

describe('faults', () => {
  test('a coded fault answers the documented envelope for its count, then requests go through', async () => {
    const {token} = await newVisitor();
    await fault({method: 'GET', path: '^/conversations$', code: 'SERVICE_UNAVAILABLE', retryAfter: 7, count: 2});
    for (let i = 0; i < 2; i++) {
      const response = await call('GET', '/conversations', {token});
      assertError(response, 'SERVICE_UNAVAILABLE', {retryAfter: 7});
      assert.equal(response.headers.get('retry-after'), '7');
    }
    assert.equal((await call('GET', '/conversations', {token})).status, 200);

    await fault({path: '^/conversations$', code: 'SERVICE_UNAVAILABLE', retryAfter: 3, retryAfterHeader: false});
    const withoutHeader = await call('GET', '/conversations', {token});
    assertError(withoutHeader, 'SERVICE_UNAVAILABLE', {retryAfter: 3});
    assert.equal(withoutHeader.headers.get('retry-after'), null);
  });

  test('every documented error code is producible, with its status and message', async () => {
    const {token} = await newVisitor();
    const documented = contract.spec.components.schemas.ErrorEnvelope.properties.error.properties.code.enum;
    assert.deepEqual(Object.keys(ERROR_CODES).filter((code) => code !== 'NOT_FOUND'), documented);
    for (const code of documented) {
      // Each on an operation that documents it: a send documents all but CONFLICT, which a create does.
      const path = code === 'CONFLICT' ? '/conversations' : `/conversations/${randomUUID()}/messages`;
      await fault({method: 'POST', path: `^${path}$`, code, details: {probe: code}});
      const response = await call('POST', path, {token, body: {content: 'hi'}});
      assertError(response, code, {probe: code});
      assert.equal(response.json.error.message, ERROR_CODES[code].message);
    }
  });

  test('a failing fault has no side effects; a status-only fault gets the status\'s code', async () => {
    const {token} = await newVisitor();
    await fault({method: 'POST', path: '^/conversations$', status: 500});
    assertError(await call('POST', '/conversations', {token}), 'INTERNAL_SERVER_ERROR');
    assert.equal((await call('GET', '/conversations', {token})).json.total, 0);
    await fault({method: 'POST', path: '^/conversations$', status: 402, details: {currentPlan: 'free', requiredPlan: 'pro', feature: 'chat'}});
    assertError(await call('POST', '/conversations', {token}), 'PAYMENT_REQUIRED');
    await fault({method: 'POST', path: '^/conversations$', code: 'CONFLICT', details: {resource: 'conversation', conflictingField: 'id'}});
    assertError(await call('POST', '/conversations', {token}), 'CONFLICT', {resource: 'conversation', conflictingField: 'id'});
    await fault({method: 'POST', path: '^/conversations/[^/]+/messages$', code: 'BAD_GATEWAY', details: {service: 'ai_model_service'}});
    assertError(await send(token, randomUUID(), {content: 'hi'}), 'BAD_GATEWAY', {service: 'ai_model_service'});
  });

  test('broken bodies: malformed JSON, an HTML proxy page, empty, huge', async () => {
    const {token} = await newVisitor();
    await fault({path: '^/identity/me$', body: 'malformed-json'});
    const malformed = await call('GET', '/identity/me', {token, offContract: true});
    assert.equal(malformed.status, 200);
    assert.throws(() => JSON.parse(malformed.text));

    await fault({path: '^/identity/me$', body: 'html', status: 502});
    const html = await call('GET', '/identity/me', {token, offContract: true});
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type'), /^text\/html/);
    assert.match(html.text, /<html>/);

    await fault({path: '^/identity/me$', body: 'empty', code: 'SERVICE_UNAVAILABLE'});
    const empty = await call('GET', '/identity/me', {token, offContract: true});
    assert.equal(empty.status, 503);
    assert.equal(empty.text, '');

    await fault({path: '^/identity/me$', body: 'huge'});
    const huge = await call('GET', '/identity/me', {token, offContract: true});
    assert.ok(huge.text.length >= 10 * 1024 * 1024);
    assert.equal(JSON.parse(huge.text).padding.length, 10 * 1024 * 1024);
  });

  test('a delayed answer is otherwise normal', async () => {
    const {token} = await newVisitor();
    await fault({method: 'POST', path: '^/conversations$', delayMs: 150});
    const started = performance.now();
    assert.equal((await call('POST', '/conversations', {token})).status, 201);
    assert.ok(performance.now() - started >= 140);
    assert.equal((await call('GET', '/conversations', {token})).json.total, 1);
  });

  test('a cut stream ends after N frames without [DONE]; the reply is stored as an error', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    await fault({path: '/messages$', cutStreamAfterFrames: 5});
    const response = await fetch(`${emulator.apiUrl}/conversations/${id}/messages`, {method: 'POST',
      headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'}, body: JSON.stringify({content: 'hi', stream: true})});
    assert.equal(response.status, 200);
    let received = '';
    const reader = response.body.getReader();
    await assert.rejects(async () => {
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
    }, 'the body ends in a network error, not a clean end');
    const frames = framesOf(received);
    assert.equal(frames.length, 5);
    assert.ok(!frames.includes('[DONE]'));
    await sleep(50);
    const answer = (await call('GET', `/conversations/${id}/messages?role=assistant`, {token})).json.data[0];
    assert.equal(answer.status, 'error');
  });

  test('a stream error frame follows the first delta, then the step and the reply finish as streamText ends a failed one', async () => {
    const {token} = await newVisitor();
    const {id} = await newConversation(token);
    await fault({path: '/messages$', streamError: 'The model is overloaded'});
    const frames = framesOf((await send(token, id, {content: 'hi', stream: true})).text);
    assert.deepEqual(frames.map((f) => (f === '[DONE]' ? f : f.type)), ['start', 'start-step', 'text-start', 'text-delta', 'error', 'finish-step', 'finish', '[DONE]']);
    assert.equal(frames[6].finishReason, 'error');
    assert.equal(frames[4].errorText, 'The model is overloaded');
    const answer = (await call('GET', `/conversations/${id}/messages?role=assistant`, {token})).json.data[0];
    assert.equal(answer.status, 'error');
    assert.equal(answer.error, 'The model is overloaded');
  });

  test('a network error drops the connection; a hang never answers; neither has side effects', async () => {
    const {token} = await newVisitor();
    await fault({method: 'POST', path: '^/conversations$', networkError: true});
    await assert.rejects(call('POST', '/conversations', {token}), TypeError);
    await fault({method: 'POST', path: '^/conversations$', hang: true});
    await assert.rejects(call('POST', '/conversations', {token, signal: AbortSignal.timeout(200)}), {name: 'TimeoutError'});
    assert.equal((await call('GET', '/conversations', {token})).json.total, 0);
  });

  test('faults can be cleared, and bad fault requests are refused', async () => {
    const {token} = await newVisitor();
    await fault({path: '^/identity/me$', code: 'INTERNAL_SERVER_ERROR', count: 5});
    await control('/faults', undefined, {method: 'DELETE'});
    assert.equal((await call('GET', '/identity/me', {token})).status, 200);
    await control('/faults', {path: '('}, {expectStatus: 422});
    await control('/faults', {code: 'TEAPOT', path: 'x'}, {expectStatus: 422});
    await control('/faults', {}, {expectStatus: 400});
  });
});

describe('control', () => {
  test('the request log records /v2 requests without tokens, and can be cleared', async () => {
    const {token} = await newVisitor();
    await call('POST', '/conversations', {token});
    await call('GET', '/conversations?limit=5', {token});
    const log = await control('/requests', undefined, {method: 'GET'});
    assert.deepEqual(log.map((r) => `${r.method} ${r.path}`), ['POST /identity/init', 'POST /conversations', 'GET /conversations']);
    assert.deepEqual(log[0].body.apiKey, 'pk_demo');
    assert.deepEqual(log[2].query, {limit: '5'});
    assert.deepEqual(log.map((r) => r.hasAuthorization), [false, true, true]);
    assert.ok(!JSON.stringify(log).includes(token), 'the token itself is never logged');
    assert.ok(log.every((r) => !Number.isNaN(Date.parse(r.at))));
    await control('/requests', undefined, {method: 'DELETE'});
    assert.deepEqual(await control('/requests', undefined, {method: 'GET'}), []);
  });

  test('reset wipes visitors, tokens, faults and settings', async () => {
    const {token} = await newVisitor();
    await fault({path: '^/projects/current$', code: 'INTERNAL_SERVER_ERROR'});
    await control('/settings', {rateLimit: {messages: 1, windowSeconds: 60}});
    await control('/reset');
    assertError(await call('GET', '/identity/me', {token}), 'UNAUTHORIZED');
    assert.equal((await call('GET', '/projects/current?apiKey=pk_demo')).status, 200);
    const fresh = await newVisitor();
    const {id} = await newConversation(fresh.token);
    assert.equal((await send(fresh.token, id, {content: 'a'})).status, 200);
    assert.equal((await send(fresh.token, id, {content: 'b'})).status, 200, 'the default limit is back');
  });

  test('seed creates varied conversations for a visitor', async () => {
    const saVid = randomUUID();
    const seeded = await control('/seed', {apiKey: 'pk_demo', saVid, conversations: 15, messagesPerConversation: 4});
    assert.equal(seeded.conversationIds.length, 15);
    const again = await call('POST', '/identity/init', {body: {apiKey: 'pk_demo', saVid}});
    assert.equal(again.status, 200, 'the seeded visitor is the saVid\'s visitor');
    assert.equal(again.json.visitor.id, seeded.visitorId);
    const token = again.json.sessionToken;
    const list = (await call('GET', '/conversations?limit=100', {token})).json;
    assert.equal(list.total, 15);
    assert.equal(list.data[0].id, seeded.conversationIds.at(-1), 'the last seeded is the most recent');
    assert.ok(list.data.some((c) => c.status === 'closed'));
    assert.ok(list.data.some((c) => c.isHumanHandled && c.humanAgent?.name));
    assert.ok(new Set(list.data.map((c) => c.title)).size >= 10);
    const full = (await call('GET', `/conversations/${seeded.conversationIds[0]}`, {token})).json;
    assert.equal(full.messages.length, 4);
    assert.ok(full.messages[1].parts.some((p) => p.type === 'tool-action_display-link'));
    await control('/seed', {apiKey: 'pk_nope', saVid, conversations: 1}, {expectStatus: 401});
  });

  test('unknown routes are 404', async () => {
    assert.equal((await call('GET', '/nothing-here', {offContract: true})).status, 404);
    await control('/nothing', {}, {expectStatus: 404});
  });
});

describe('CORS', () => {
  test('preflight from a loopback page is allowed with the documented headers', async () => {
    const response = await fetch(`${emulator.apiUrl}/conversations`, {method: 'OPTIONS',
      headers: {Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type'}});
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173');
    assert.match(response.headers.get('access-control-allow-headers'), /Authorization/);
    assert.match(response.headers.get('access-control-allow-headers'), /Content-Type/);
    assert.match(response.headers.get('access-control-allow-methods'), /GET.*POST.*DELETE/);
    assert.ok(Number(response.headers.get('access-control-max-age')) > 0);
    assert.match(response.headers.get('access-control-expose-headers'), /Retry-After/);
    assert.match(response.headers.get('access-control-expose-headers'), /x-vercel-ai-ui-message-stream/);
    for (const origin of ['http://localhost:3000', 'http://[::1]:8080']) {
      const simple = await call('GET', '/projects/current?apiKey=pk_demo', {headers: {Origin: origin}});
      assert.equal(simple.headers.get('access-control-allow-origin'), origin);
    }
  });

  test('other origins get 403 without CORS headers; requests without Origin are fine', async () => {
    const refused = await call('GET', '/projects/current?apiKey=pk_demo', {headers: {Origin: 'https://evil.example'}});
    assertError(refused, 'FORBIDDEN');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${emulator.apiUrl}/conversations`, {method: 'OPTIONS', headers: {Origin: 'https://evil.example'}});
    assert.equal(preflight.status, 403);
    assert.equal((await call('GET', '/projects/current?apiKey=pk_demo')).status, 200);
  });

  test('a configured origin list replaces the loopback default', async () => {
    const strict = await startEmulator({allowedOrigins: ['https://shop.example.com']});
    try {
      const allowed = await call('GET', '/projects/current?apiKey=pk_demo', {base: strict.apiUrl, headers: {Origin: 'https://shop.example.com'}});
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example.com');
      assertError(await call('GET', '/projects/current?apiKey=pk_demo', {base: strict.apiUrl, headers: {Origin: 'http://localhost:3000'}}), 'FORBIDDEN');
    } finally {
      await strict.close();
    }
  });
});

describe('persistence', () => {
  let dataDir;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sa-emulator-'));
  });
  afterEach(() => rm(dataDir, {recursive: true, force: true}));

  test('state survives a restart; no temporary files are left', async () => {
    const first = await startEmulator({dataDir});
    const saVid = randomUUID();
    const init = await call('POST', '/identity/init', {base: first.apiUrl, body: {apiKey: 'pk_demo', saVid}});
    const token = init.json.sessionToken;
    const {json: conversation} = await call('POST', '/conversations', {base: first.apiUrl, token});
    await call('POST', `/conversations/${conversation.id}/messages`, {base: first.apiUrl, token, body: {content: 'Remember me'}});
    await first.close();
    assert.deepEqual(await readdir(dataDir), ['state.json']);

    const second = await startEmulator({dataDir});
    try {
      const again = await call('POST', '/identity/init', {base: second.apiUrl, body: {apiKey: 'pk_demo', saVid}});
      assert.equal(again.status, 200);
      assert.equal(again.json.visitor.id, init.json.visitor.id);
      const restored = await call('GET', `/conversations/${conversation.id}`, {base: second.apiUrl, token});
      assert.equal(restored.status, 200, 'the old session token still works');
      assert.equal(restored.json.title, 'Remember me');
      assert.equal(restored.json.messages.length, 2);
    } finally {
      await second.close();
    }
  });

  test('a corrupt or foreign data file stops the start and is left untouched', async () => {
    const file = join(dataDir, 'state.json');
    for (const content of ['{"version": 1, "visitors": {', '{"hello": "world"}']) {
      await writeFile(file, content);
      await assert.rejects(startEmulator({dataDir}), (error) => error instanceof CorruptStateError && error.message.includes(file));
      assert.equal(await readFile(file, 'utf8'), content);
    }
  });
});

describe('shutdown', () => {
  test('close() ends streams, hung requests, keep-alive connections and WebSockets promptly', async () => {
    const busy = await startEmulator({paceMs: 50});
    const init = await call('POST', '/identity/init', {base: busy.apiUrl, body: {apiKey: 'pk_demo', saVid: randomUUID()}});
    const token = init.json.sessionToken;
    const {json: conversation} = await call('POST', '/conversations', {base: busy.apiUrl, token});
    const ws = new WebSocket(`${busy.apiUrl.replace('http', 'ws')}/conversations/${conversation.id}/ws?apiKey=pk_demo`);
    await new Promise((resolve) => ws.once('open', resolve));
    const socketClosed = new Promise((resolve) => ws.once('close', resolve));

    await fetch(`${busy.url}/__control/faults`, {method: 'POST', body: JSON.stringify({path: '^/identity/me$', hang: true})});
    const hung = fetch(`${busy.apiUrl}/identity/me`, {headers: {Authorization: `Bearer ${token}`}});
    const streaming = await fetch(`${busy.apiUrl}/conversations/${conversation.id}/messages`, {method: 'POST',
      headers: {Authorization: `Bearer ${token}`}, body: JSON.stringify({content: 'a long answer please', stream: true})});
    await streaming.body.getReader().read();

    const started = performance.now();
    await busy.close();
    assert.ok(performance.now() - started < 1000, 'close() does not wait for clients');
    await socketClosed;
    await assert.rejects(hung);
    await assert.rejects(fetch(`${busy.apiUrl}/identity/me`), 'no longer listening');
  });
});

describe('command line', () => {
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  /** Runs the CLI; `ready` resolves with the API URL once the CLI printed its banner. */
  function runCli(args, env = {}) {
    const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    children.push(child);
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const apiUrl = /(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(output)?.[1];
        if (apiUrl && output.includes('Stop with')) resolve(apiUrl);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      exited.then((code) => reject(Object.assign(new Error(`exited ${code}: ${output}`), {code, output})));
    });
    return {child, ready, exited, output: () => output};
  }

  test('serves the given and environment keys, prints them, and stops on SIGTERM', async () => {
    const cli = runCli(['--port', '0', '--memory', '--key', 'pk_cli', '--rate-limit', 'off'], {SA_EMULATOR_KEYS: 'pk_env1, pk_env2'});
    const apiUrl = await cli.ready;
    assert.match(cli.output(), /pk_cli, pk_env1, pk_env2/);
    for (const key of ['pk_cli', 'pk_env2']) assert.equal((await fetch(`${apiUrl}/projects/current?apiKey=${key}`)).status, 200);
    assert.equal((await fetch(`${apiUrl}/projects/current?apiKey=pk_demo`)).status, 401, 'given keys replace the default');
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  });

  test('refuses a corrupt data dir with a clear message', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sa-emulator-cli-'));
    try {
      await writeFile(join(dataDir, 'state.json'), 'not json');
      const cli = runCli(['--port', '0', '--data-dir', dataDir]);
      await assert.rejects(cli.ready, (error) => error.code === 1 && /state\.json is unreadable/.test(error.output));
    } finally {
      await rm(dataDir, {recursive: true, force: true});
    }
  });
});
