/**
 * Replies produced by the real `ai` package (the Vercel AI SDK that SiteAssist's server streams with),
 * for the emulator's `replies` option: `streamText` over the SDK's mock model, turned into a UI
 * message stream as `toUIMessageStreamResponse` would send it, and stored as the SDK's own client
 * builds the message from that stream. A visitor message containing `#ai:<scenario>` picks one.
 *
 * Runs in Node (web-test-runner's config and test/emulator/), never in the browser.
 */
import {jsonSchema, readUIMessageStream, stepCountIs, streamText, tool} from 'ai';
import {MockLanguageModelV3, simulateReadableStream} from 'ai/test';
import {LINK, SAID} from './ai-said.mjs';

const usage = {inputTokens: {total: 12, noCache: 12, cacheRead: 0, cacheWrite: 0}, outputTokens: {total: 20, text: 20, reasoning: 0}};
const finish = (unified) => ({type: 'finish', finishReason: {unified, raw: undefined}, usage});
const text = (id, ...deltas) => [{type: 'text-start', id}, ...deltas.map((delta) => ({type: 'text-delta', id, delta})), {type: 'text-end', id}];
const call = (toolCallId, toolName, input) => ({type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input)});
const anyObject = jsonSchema({type: 'object'});

const streamStart = {type: 'stream-start', warnings: []};

/** A model that answers step by step: each step is its model stream parts, or a function making that stream. */
const model = (...steps) => {
  let step = 0;
  return new MockLanguageModelV3({doStream: async () => {
    const next = steps[step++];
    return {stream: typeof next === 'function' ? next() : simulateReadableStream({chunks: [streamStart, ...next]})};
  }});
};

/** A model stream that sends `parts`, waits until `gate` opens (then calls `onRelease`), and sends `rest`. */
const held = (gate, parts, rest, onRelease = () => {}) => () => new ReadableStream({
  start(stream) {
    for (const part of [streamStart, ...parts]) stream.enqueue(part);
    gate.then(() => {
      onRelease();
      for (const part of rest) stream.enqueue(part);
      stream.close();
    });
  },
});

/**
 * Each scenario holds at a gate named after it, so a test can look at the live reply before it ends.
 * @type {Record<string, (hold: {gate: (name: string) => Promise<unknown>, controller: AbortController}) => Partial<Parameters<typeof streamText>[0]>>}
 */
const SCENARIOS = {
  // A multi-step reply: text, a tool call and its result, more text; metadata on start and finish.
  steps: ({gate}) => ({
    model: model(
      [...text('t1', 'Let me check ', 'the weather for you.'), call('c1', 'weather', {city: 'Oslo'}), finish('tool-calls')],
      held(gate('steps'), text('t2', 'It is 21 °C ', 'in Oslo.'), [finish('stop')]),
    ),
    tools: {weather: tool({inputSchema: anyObject, execute: async () => ({city: 'Oslo', celsius: 21, secret: 'tool-output-secret'})})},
  }),
  // Sources: a markdown citation, source parts that repeat it, add a page, a document, and unsafe links.
  sources: ({gate}) => ({
    model: model(held(gate('sources'), [
      ...text('t1', `${SAID.cited}\n\n`, `[1]: <${SAID.citedUrl}> "Returns policy"\n`),
      {type: 'source', sourceType: 'url', id: 's1', url: SAID.citedUrl, title: 'Returns policy (again)'},
      {type: 'source', sourceType: 'url', id: 's2', url: 'https://status.example.com/', title: 'Shipping status'},
      {type: 'source', sourceType: 'url', id: 's3', url: 'javascript:alert(1)', title: 'Not a page'},
      {type: 'source', sourceType: 'url', id: 's4', url: 'mailto:help@example.com', title: 'Write to us'},
      {type: 'source', sourceType: 'document', id: 's5', mediaType: 'application/pdf', title: 'Terms of sale', filename: 'terms.pdf'},
    ], [finish('stop')])),
  }),
  // Two steps citing in turn, each with its own definitions: both number their first source [1], and
  // the second cites the first's source again.
  citedSteps: () => ({
    model: model(
      [...text('s1', `${SAID.cited}\n\n`, `[1]: <${SAID.citedUrl}> "Returns policy"\n`), call('c1', 'weather', {city: 'Oslo'}), finish('tool-calls')],
      [...text('s2', 'Parcels arrive in 3 days [1], and returns stay free [2].\n\n',
        `[1]: <${SAID.shippingUrl}> "Shipping times"\n[2]: <${SAID.citedUrl}> "Returns policy"\n`), finish('stop')],
    ),
    tools: {weather: tool({inputSchema: anyObject, execute: async () => ({city: 'Oslo', celsius: 21})})},
  }),
  // The link action: its button can show from the call's input while the call (held) runs.
  link: ({gate}) => ({
    model: model(
      [...text('t1', SAID.linkIntro), call('c1', 'action_display-link', LINK), finish('tool-calls')],
      [...text('t2', SAID.linkAfter), finish('stop')],
    ),
    tools: {'action_display-link': tool({inputSchema: anyObject, execute: async (input) => {
      await gate('link');
      return {...input, buttonVariant: 'primary'};
    }})},
  }),
  // A tool that takes a while (held): the reply is busy, and the tool's input and output stay hidden.
  busy: ({gate}) => ({
    model: model(
      [...text('t1', SAID.busyBefore), call('c1', 'lookup_order', {orderId: '4821', apiToken: 'tool-input-secret'}), finish('tool-calls')],
      [...text('t2', SAID.busyAfter), finish('stop')],
    ),
    tools: {lookup_order: tool({inputSchema: anyObject, execute: async () => {
      await gate('busy');
      return {status: 'shipped', warehouse: 'tool-output-secret'};
    }})},
  }),
  // A text part that opens (held) before its first words, as a model that pauses after starting.
  late: ({gate}) => ({
    model: model(held(gate('late'), [{type: 'text-start', id: 't1'}], [{type: 'text-delta', id: 't1', delta: SAID.late}, {type: 'text-end', id: 't1'}, finish('stop')])),
  }),
  // First words, then held: a test cuts the connection there (cutStreamAfterFrames) once they have arrived.
  cut: ({gate}) => ({
    model: model(held(gate('cut'), text('t1', SAID.cutBefore).slice(0, -1), [{type: 'text-delta', id: 't1', delta: ' never sent'}, {type: 'text-end', id: 't1'}, finish('stop')])),
  }),
  // The server stops the reply part-way (aborted when released; streamText notices at the model's next part).
  abort: ({gate, controller}) => ({
    model: model(held(gate('abort'), text('t1', 'I was about ', 'to explain').slice(0, -1), [{type: 'text-delta', id: 't1', delta: ' never sent'}],
      () => controller.abort())),
  }),
};

/**
 * Replies for one emulator: its `replies` option (`reply`) and the gates its scenarios wait at. Each
 * emulator, and so each test file, has its own gates, so a file's new reply never opens another's.
 * A release may come before the scenario reaches its gate (the test saw a part that is sent just
 * before it): the gate is then already open.
 */
export function aiReplies() {
  const gates = new Map();
  const entry = (name) => {
    if (!gates.has(name)) {
      let open;
      const promise = new Promise((resolve) => (open = resolve));
      gates.set(name, {promise, open});
    }
    return gates.get(name);
  };
  const gate = (name) => {
    const {promise} = entry(name);
    return promise.then(() => gates.get(name)?.promise === promise && gates.delete(name));
  };
  /** Lets every waiting scenario go on and forgets releases nothing waited for (before a new reply, and before the emulator closes). */
  const releaseAll = () => {
    for (const {open} of gates.values()) open();
    gates.clear();
  };
  return {
    /**
     * A scenario's UI message stream and the message the SDK's client builds from it, or null for
     * messages without `#ai:<scenario>`.
     * @param {string} content
     * @param {string} messageId
     */
    reply(content, messageId) {
      const scenario = SCENARIOS[/#ai:([\w-]+)/.exec(content)?.[1]];
      if (!scenario) return null;
      releaseAll();
      const controller = new AbortController();
      const result = streamText({...scenario({gate, controller}), prompt: content, abortSignal: controller.signal, stopWhen: stepCountIs(3)});
      const [chunks, forStore] = result.toUIMessageStream({
        sendSources: true,
        generateMessageId: () => messageId,
        messageMetadata: ({part}) => (part.type === 'start' ? {model: 'mock-model'} : part.type === 'finish' ? {finishReason: part.finishReason} : undefined),
      }).tee();
      return {chunks, stored: storedMessage(forStore)};
    },
    /** Lets the scenario waiting (or about to wait) at `name` go on. */
    release: (name) => entry(name).open(),
    releaseAll,
  };
}

async function storedMessage(stream) {
  let message;
  for await (const snapshot of readUIMessageStream({stream})) message = snapshot;
  return {parts: message?.parts ?? [], metadata: message?.metadata ?? null};
}
