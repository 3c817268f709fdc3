/**
 * The emulator's control endpoints under /__control: not part of SiteAssist's API. Tests and
 * demos use them to reset state, inject faults, read the request log, change settings, act as the
 * site's staff (hand-off, agent messages, closing) and seed data. Documented in README.md.
 */
import {SEED_AGENT_REPLY, SEED_QUESTIONS, assistantParts, composeReply, titleFor} from './assistant.mjs';
import {FAULT_REQUEST_SCHEMA} from './faults.mjs';
import {ApiError} from './http.mjs';
import {conversationView} from './store.mjs';

/**
 * @typedef {object} ControlRoute
 * @property {string} method
 * @property {RegExp} pattern matched against the path after /__control; groups become `params`
 * @property {object} [schema] JSON Schema of the body
 * @property {(request: {params: string[], body: any}) => {status: number, json?: unknown} | Promise<{status: number, json?: unknown}>} handle
 */

const nullableString = (maxLength = 1000) => ({type: ['string', 'null'], maxLength});
/** Any value where the contract expects a number: the odd ones are what a launcher must survive. */
const odd = {};
const CONVERSATION = /^\/conversations\/([^/]+)/;
const MINUTE = 60_000;
/** Seeded conversations are spread backwards in time by this much each. */
const SEED_SPACING_MS = 97 * MINUTE;
const SEED_FOLLOW_UP = 'Thanks! And what if that does not work?';
const SEED_AGENT = {name: 'Sam Rivera', image: null};
const SEED_LINK_ACTION = {type: 'tool-action_display-link', toolCallId: 'call_seed_link', state: 'output-available',
  input: {}, output: {buttonLabel: 'Open the installation guide', href: 'https://docs.example.com/install', buttonVariant: 'default'}};

/**
 * @param {import('./server.mjs').Emulator} emulator
 * @returns {ControlRoute[]}
 */
export function createControlRoutes(emulator) {
  const {store} = emulator;
  const conversation = (params) => emulator.conversationInProject(null, decodeURIComponent(params[0]));

  const handOff = (target, humanAgent, at) => {
    store.handOff(target, humanAgent, at);
    emulator.live.publish(target.id, {type: 'human_assigned'});
  };

  return [
    {method: 'POST', pattern: /^\/reset$/, handle() {
      emulator.reset();
      return {status: 204};
    }},
    {method: 'POST', pattern: /^\/faults$/, schema: FAULT_REQUEST_SCHEMA, handle({body}) {
      return {status: 201, json: {id: emulator.faults.add(body)}};
    }},
    {method: 'DELETE', pattern: /^\/faults$/, handle() {
      emulator.faults.clear();
      return {status: 204};
    }},
    {method: 'GET', pattern: /^\/requests$/, handle() {
      return {status: 200, json: emulator.requestLog};
    }},
    // Who is listening: a test waits for a watcher's socket before it makes the event it should hear.
    {method: 'GET', pattern: /^\/sockets$/, handle() {
      return {status: 200, json: Object.fromEntries([...emulator.live.sockets].map(([id, watchers]) => [id, watchers.size]))};
    }},
    {method: 'DELETE', pattern: /^\/requests$/, handle() {
      emulator.requestLog.length = 0;
      return {status: 204};
    }},
    {method: 'POST', pattern: /^\/settings$/, schema: {
      type: 'object', additionalProperties: false,
      properties: {
        paceMs: {type: 'integer', minimum: 0},
        rateLimit: {anyOf: [{type: 'null'}, {type: 'object', required: ['messages', 'windowSeconds'], additionalProperties: false,
          properties: {messages: {type: 'integer', minimum: 1}, windowSeconds: {type: 'number', exclusiveMinimum: 0}}}]},
        tokenTtlSeconds: {type: 'number', minimum: 0},
      },
    }, handle({body}) {
      Object.assign(emulator.settings, body);
      return {status: 204};
    }},
    {method: 'POST', pattern: new RegExp(`${CONVERSATION.source}/handoff$`), schema: {
      type: 'object', additionalProperties: false, properties: {agentName: nullableString(), agentImage: nullableString()},
    }, handle({params, body}) {
      const target = conversation(params);
      handOff(target, {name: body.agentName ?? null, image: body.agentImage ?? null});
      return {status: 200, json: conversationView(target)};
    }},
    {method: 'POST', pattern: new RegExp(`${CONVERSATION.source}/agent-messages$`), schema: {
      type: 'object', required: ['content'], additionalProperties: false, properties: {content: {type: 'string', minLength: 1, maxLength: 10000}},
    }, handle({params, body}) {
      const target = conversation(params);
      // An agent who writes has taken over, as in SiteAssist's inbox.
      if (!target.isHumanHandled) handOff(target, {name: null, image: null});
      const message = store.addMessage(target, {role: 'human_agent', parts: [{type: 'text', text: body.content}], humanAgent: target.humanAgent});
      emulator.live.publish(target.id, {type: 'new_message', message});
      return {status: 201, json: message};
    }},
    {method: 'POST', pattern: new RegExp(`${CONVERSATION.source}/close$`), schema: {
      type: 'object', additionalProperties: false, properties: {closeReason: nullableString(256)},
    }, handle({params, body}) {
      const target = conversation(params);
      store.closeConversation(target, body.closeReason ?? null);
      return {status: 200, json: conversationView(target)};
    }},
    // Overrides live in the settings, so a reset restores the demo project.
    {method: 'POST', pattern: /^\/project$/, schema: {
      type: 'object', required: ['apiKey'], additionalProperties: false,
      properties: {
        apiKey: {type: 'string', minLength: 1}, name: {type: 'string', maxLength: 10000},
        // Every field the contract names, with any text or number (for hostile-content and clamping tests).
        chatWidgetConfig: {type: 'object', additionalProperties: false, properties: {
          welcomeMessage: nullableString(10000), displayName: nullableString(10000), inputPlaceholder: nullableString(10000),
          brandColor: nullableString(10000), brandColorDark: nullableString(10000), userMessageBubbleColor: nullableString(10000),
          userMessageBubbleColorDark: nullableString(10000), assistantAvatar: nullableString(10000), baseFontSize: odd,
          position: nullableString(10000), offset: {type: 'object', required: ['x', 'y'], additionalProperties: false,
            properties: {x: odd, y: odd}},
          width: odd, maxHeight: odd, bubbleRadius: odd, openDelay: odd,
          chatButtonIcon: nullableString(10000), chatButtonColor: nullableString(10000), customCSSStyles: nullableString(10000),
        }},
      },
    }, handle({body: {apiKey, ...overrides}}) {
      if (!emulator.keys.has(apiKey)) throw new ApiError('UNAUTHORIZED', {message: 'Invalid API key'});
      emulator.settings.projects = {...emulator.settings.projects, [apiKey]: overrides};
      return {status: 204};
    }},
    {method: 'POST', pattern: new RegExp(`${CONVERSATION.source}/assistant-messages$`), schema: {
      type: 'object', required: ['content'], additionalProperties: false, properties: {
        content: {type: 'string', minLength: 1, maxLength: 10000},
        linkAction: {type: 'object', required: ['buttonLabel', 'href'], additionalProperties: false,
          properties: {buttonLabel: {type: 'string'}, href: {type: 'string'}}},
      },
    }, handle({params, body}) {
      const target = conversation(params);
      const parts = [{type: 'text', text: body.content}];
      if (body.linkAction) parts.push({...SEED_LINK_ACTION, output: {...SEED_LINK_ACTION.output, ...body.linkAction}});
      return {status: 201, json: store.addMessage(target, {role: 'assistant', parts})};
    }},
    {method: 'POST', pattern: /^\/seed$/, schema: {
      type: 'object', required: ['apiKey', 'saVid', 'conversations'], additionalProperties: false,
      properties: {
        apiKey: {type: 'string', minLength: 1}, saVid: {type: 'string', minLength: 1, maxLength: 100},
        conversations: {type: 'integer', minimum: 1, maximum: 10000},
        messagesPerConversation: {type: 'integer', minimum: 0, maximum: 200, default: 4},
      },
    }, handle({body}) {
      if (!emulator.keys.has(body.apiKey)) throw new ApiError('UNAUTHORIZED', {message: 'Invalid API key'});
      const {visitor} = store.visitorFor(body.apiKey, body.saVid);
      const conversationIds = [];
      const now = Date.now();
      for (let index = 0; index < body.conversations; index++) {
        const startedAt = now - (body.conversations - index) * SEED_SPACING_MS;
        const iso = (minutes) => new Date(startedAt + minutes * MINUTE).toISOString();
        const seeded = store.createConversation(visitor, {at: iso(0)});
        conversationIds.push(seeded.id);
        const question = SEED_QUESTIONS[index % SEED_QUESTIONS.length];
        const handedOff = index % 7 === 3;
        const total = body.messagesPerConversation ?? 4;
        for (let turn = 0; turn < total; turn++) {
          const at = iso(turn + 1);
          if (turn % 2 === 0) {
            store.addMessage(seeded, {role: 'user', parts: [{type: 'text', text: turn === 0 ? question : SEED_FOLLOW_UP}], at});
          } else if (handedOff && turn === total - 1) {
            handOff(seeded, SEED_AGENT, at);
            store.addMessage(seeded, {role: 'human_agent', parts: [{type: 'text', text: SEED_AGENT_REPLY}], humanAgent: SEED_AGENT, at});
          } else {
            const parts = assistantParts(composeReply(turn === 1 ? question : SEED_FOLLOW_UP));
            store.addMessage(seeded, {role: 'assistant', parts: index % 3 === 0 ? [...parts, SEED_LINK_ACTION] : parts, at});
          }
        }
        if (handedOff && !seeded.isHumanHandled) handOff(seeded, SEED_AGENT, iso(total));
        if (total > 1) store.setTitle(seeded, titleFor(question), iso(total));
        if (index % 5 === 4) store.closeConversation(seeded, 'Resolved', iso(total + 1));
      }
      return {status: 201, json: {visitorId: visitor.id, conversationIds}};
    }},
  ];
}
