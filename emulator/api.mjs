/**
 * The SiteAssist v2 operations, one handler per operationId of the OpenAPI document. Requests
 * reach them authenticated and validated (server.mjs, contract.mjs); a handler returns
 * `{status, json}` or writes the response itself, and throws ApiError for documented errors.
 */
import {assistantParts, composeReply, estimateTokens, textOf, titleFor} from './assistant.mjs';
import {ApiError} from './http.mjs';
import {projectFor} from './projects.mjs';
import {replyChunks, streamReply} from './reply-stream.mjs';
import {conversationSummaryView, conversationView, visitorView} from './store.mjs';

/**
 * @typedef {import('./store.mjs').VisitorRecord} VisitorRecord
 * @typedef {import('./store.mjs').ConversationRecord} ConversationRecord
 * @typedef {object} ApiRequest
 * @property {import('node:http').ServerResponse} res
 * @property {Record<string, any>} params
 * @property {Record<string, any>} query
 * @property {any} body
 * @property {VisitorRecord} visitor null only for operations without security
 * @property {import('./faults.mjs').Fault | null} fault a fault that lets the request through
 * @typedef {(request: ApiRequest) => Promise<{status: number, json: unknown} | void> | {status: number, json: unknown} | void} ApiHandler
 */

/**
 * @param {import('./server.mjs').Emulator} emulator
 * @returns {Record<string, ApiHandler>}
 */
export function createApiHandlers(emulator) {
  const {store} = emulator;

  /**
   * A conversation of the visitor's project that the visitor may see.
   * @param {VisitorRecord} visitor
   * @param {string} id
   */
  const ownConversation = (visitor, id) => {
    const conversation = emulator.conversationInProject(visitor.projectKey, id);
    if (conversation.visitorId !== visitor.id) throw new ApiError('FORBIDDEN');
    return conversation;
  };

  /**
   * @param {VisitorRecord} visitor
   * @param {'message' | 'conversation'} action each action has its own window
   */
  const enforceRateLimit = (visitor, action) => {
    const retryAfter = emulator.rateLimiter.take(`${visitor.id}:${action}`);
    if (retryAfter !== null) throw new ApiError('RATE_LIMIT_EXCEEDED', {retryAfter});
  };

  /** @param {ConversationRecord} conversation */
  const nameAfterFirstExchange = (conversation) => {
    const firstQuestion = conversation.messages.find((m) => m.role === 'user');
    if (conversation.title === null && firstQuestion) store.setTitle(conversation, titleFor(textOf(firstQuestion)));
  };

  return {
    initIdentity({body}) {
      if (!emulator.keys.has(body.apiKey)) throw new ApiError('UNAUTHORIZED', {message: 'Invalid API key'});
      const {visitor, created} = store.visitorFor(body.apiKey, body.saVid);
      const sessionToken = store.issueSession(visitor.id, emulator.settings.tokenTtlSeconds);
      return {status: created ? 201 : 200, json: {sessionToken, visitor: visitorView(visitor)}};
    },

    getCurrentVisitor({visitor}) {
      return {status: 200, json: visitorView(visitor)};
    },

    getCurrentProject({query}) {
      if (!emulator.keys.has(query.apiKey)) throw new ApiError('UNAUTHORIZED', {message: 'Invalid API key'});
      return {status: 200, json: projectFor(query.apiKey, emulator.settings.projects?.[query.apiKey])};
    },

    listConversations({visitor, query}) {
      const {limit, status, orderBy, orderDir} = query;
      const offset = query.offset ?? 0;
      const matching = store.conversationsOf(visitor.id)
        .filter((c) => !status || c.status === status)
        .sort(compareConversations(orderBy, orderDir));
      const data = matching.slice(offset, offset + limit).map(conversationSummaryView);
      return {status: 200, json: {object: 'list', total: matching.length, limit, offset, data}};
    },

    createConversation({visitor, body}) {
      enforceRateLimit(visitor, 'conversation');
      const conversation = store.createConversation(visitor, {startPageUrl: body.context?.pageUrl ?? null});
      return {status: 201, json: conversationView(conversation)};
    },

    getConversation({visitor, params}) {
      return {status: 200, json: conversationView(ownConversation(visitor, params.id))};
    },

    closeConversation({visitor, params, body}) {
      const wasOpen = store.closeConversation(ownConversation(visitor, params.id), body.closeReason ?? null);
      return {status: 200, json: wasOpen ? {success: true} : {success: true, message: 'Conversation already closed'}};
    },

    listMessages({visitor, params, query}) {
      const {limit, role, status} = query;
      const offset = query.offset ?? 0;
      const data = ownConversation(visitor, params.id).messages
        .filter((m) => (!role || m.role === role) && (!status || m.status === status))
        .slice(offset, offset + limit);
      return {status: 200, json: {object: 'list', data}};
    },

    async sendMessage({res, visitor, params, body, fault}) {
      const conversation = ownConversation(visitor, params.id);
      if (conversation.status === 'closed') {
        // Inferred: the contract documents no code for this; see emulator/README.md.
        throw new ApiError('VALIDATION_ERROR', {details: {field: 'conversationId', reason: 'Conversation is closed'}});
      }
      enforceRateLimit(visitor, 'message');
      store.addMessage(conversation, {role: 'user', parts: [{type: 'text', text: body.content}], pageContext: body.pageContext});

      if (conversation.isHumanHandled) {
        res.writeHead(202, {'Content-Type': 'text/plain; charset=utf-8'});
        res.end('Message sent');
        return;
      }

      const reply = composeReply(body.content);
      if (!body.stream) {
        store.addMessage(conversation, {role: 'assistant', parts: assistantParts(reply)});
        nameAfterFirstExchange(conversation);
        const usage = {inputTokens: estimateTokens(body.content), outputTokens: estimateTokens(reply)};
        return {status: 200, json: {steps: [{content: [{type: 'text', text: reply}], finishReason: 'stop', usage}]}};
      }

      const message = store.addMessage(conversation, {role: 'assistant', parts: assistantParts(''), status: 'streaming'});
      const scripted = emulator.replies?.(body.content, message.id) ?? null;
      let text = '';
      const outcome = await streamReply(res, {
        chunks: scripted?.chunks ?? replyChunks(message.id, reply),
        paceMs: () => emulator.settings.paceMs,
        shutdown: emulator.shutdown.signal,
        // The built-in reply is stored as it streams; a scripted one once it ends (see README.md).
        onChunk: (chunk) => {
          if (scripted || chunk.type !== 'text-delta') return;
          text += chunk.delta;
          store.updateMessage(message, {parts: assistantParts(text)});
        },
        cutAfterFrames: fault?.cutStreamAfterFrames,
        errorText: fault?.streamError,
      });
      const stored = scripted && outcome !== 'stopped' ? await scripted.stored : null;
      const error = {complete: null, aborted: 'The reply was stopped.', error: fault?.streamError ?? 'The reply failed.',
        stopped: 'The reply was interrupted: the client disconnected.'}[outcome];
      store.updateMessage(message, {...stored, status: outcome === 'complete' ? 'complete' : 'error', error});
      nameAfterFirstExchange(conversation);
    },

    setMessageFeedback({visitor, params, body}) {
      const found = store.findMessage(params.messageId);
      if (!found || found.conversation.projectKey !== visitor.projectKey) {
        // Inferred: no documented code for an unknown message; 404 pairs with this one.
        throw new ApiError('CONVERSATION_NOT_FOUND', {message: 'Message not found!', details: {messageId: params.messageId}});
      }
      if (found.conversation.visitorId !== visitor.id) throw new ApiError('FORBIDDEN');
      if (found.message.role === 'user') {
        throw new ApiError('VALIDATION_ERROR', {details: {field: 'messageId', reason: 'Only assistant and human agent messages take feedback'}});
      }
      store.updateMessage(found.message, {feedback: body.feedback, feedbackAt: body.feedback ? new Date().toISOString() : null});
      return {status: 200, json: {feedback: body.feedback}};
    },
  };
}

/**
 * Orders conversations by a field like PostgreSQL would (nulls last ascending, first
 * descending), with the id as tie-break so pages never overlap.
 * @param {string} field
 * @param {'asc' | 'desc'} direction
 */
function compareConversations(field, direction) {
  const sign = direction === 'asc' ? 1 : -1;
  const compare = (x, y) => {
    if (x === y) return 0;
    if (x === null) return sign;
    if (y === null) return -sign;
    return sign * (x < y ? -1 : 1);
  };
  return (a, b) => compare(a[field], b[field]) || compare(a.id, b.id);
}
