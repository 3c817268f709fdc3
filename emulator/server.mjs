/**
 * A local SiteAssist v2 emulator: a real HTTP server on loopback that answers the visitor API as
 * api/siteassist-v2.openapi.json describes it, plus control endpoints for tests (README.md).
 *
 * Every /v2 request goes: CORS origin check → request log → injected fault → route (from the
 * OpenAPI document) → authentication → validation (against the document) → handler.
 */
import {createServer} from 'node:http';
import {setTimeout as sleep} from 'node:timers/promises';
import {createApiHandlers} from './api.mjs';
import {Contract} from './contract.mjs';
import {createControlRoutes} from './control.mjs';
import {FaultRegistry, faultAnswers, sendFaultAnswer} from './faults.mjs';
import {ApiError, parseJsonBody, readBody, sendEmpty, sendError, sendJson} from './http.mjs';
import {LiveUpdates} from './live.mjs';
import {RateLimiter} from './rate-limit.mjs';
import {Store} from './store.mjs';

const API_PREFIX = '/v2';
const CONTROL_PREFIX = '/__control';
/** Without a configured list, any page served from this machine may call the emulator. */
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port] 0 picks a free port
 * @property {string} [host] keep it a loopback address
 * @property {string[]} [keys] publishable keys the emulator accepts
 * @property {string | null} [dataDir] where state.json lives; null keeps everything in memory
 * @property {string[] | null} [allowedOrigins] exact origins; null allows any loopback origin
 * @property {number} [paceMs] delay between streamed chunks
 * @property {{messages: number, windowSeconds: number} | null} [rateLimit] per visitor; null turns it off
 * @property {number} [tokenTtlSeconds] session token lifetime
 * @property {boolean} [log] print one line per request
 * @property {ReplyScript | null} [replies] answers some streamed sends in place of the built-in assistant
 */

/**
 * For tests that need replies the built-in assistant does not write (tools, sources, several steps,
 * an abort), produced by the `ai` package itself. Called for each streamed send with the visitor's
 * text and the stored reply's id; null leaves the send to the built-in assistant. `chunks` are the
 * UI message stream parts to send; `stored` resolves to the fields the reply is stored with once it
 * has streamed (`parts`, `metadata`).
 * @typedef {(content: string, messageId: string) => {chunks: AsyncIterable<object>, stored: Promise<{parts: object[], metadata?: unknown}>} | null} ReplyScript
 */

/**
 * Starts an emulator and resolves once it listens.
 * @param {EmulatorOptions} [options]
 * @returns {Promise<{url: string, apiUrl: string, close: () => Promise<void>}>}
 * @throws {import('./persistence.mjs').CorruptStateError} when dataDir holds an unreadable state file
 */
export async function startEmulator({port = 0, host = '127.0.0.1', keys = ['pk_demo'], dataDir = null, allowedOrigins = null,
  paceMs = 25, rateLimit = {messages: 20, windowSeconds: 60}, tokenTtlSeconds = 3600, log = false, replies = null} = {}) {
  const [contract, store] = await Promise.all([Contract.load(), Store.open(dataDir)]);
  const emulator = new Emulator({contract, store, keys, allowedOrigins, log, defaults: {paceMs, rateLimit, tokenTtlSeconds}});
  emulator.replies = replies;
  const address = await emulator.listen(port, host);
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {url, apiUrl: `${url}${API_PREFIX}`, close: () => emulator.close()};
}

export class Emulator {
  /**
   * @param {{contract: Contract, store: Store, keys: string[], allowedOrigins: string[] | null, log: boolean,
   *   defaults: {paceMs: number, rateLimit: {messages: number, windowSeconds: number} | null, tokenTtlSeconds: number}}} options
   */
  constructor({contract, store, keys, allowedOrigins, log, defaults}) {
    this.contract = contract;
    this.store = store;
    this.keys = new Set(keys);
    this.allowedOrigins = allowedOrigins;
    this.log = log;
    /** @type {ReplyScript | null} */
    this.replies = null;
    this.defaults = defaults;
    this.settings = {...defaults};
    this.faults = new FaultRegistry();
    /** @type {Array<{method: string, path: string, query: Record<string, string>, body: unknown, hasAuthorization: boolean, at: string}>} */
    this.requestLog = [];
    this.rateLimiter = new RateLimiter(() => this.settings.rateLimit);
    this.live = new LiveUpdates((request) => this.#admitSocket(request));
    /** Aborted by close(): ends streams and delayed answers. */
    this.shutdown = new AbortController();
    /** @type {Promise<void> | null} set by the first close() */
    this.closing = null;
    this.apiHandlers = createApiHandlers(this);
    this.controlRoutes = createControlRoutes(this).map((route) =>
      ({...route, validate: route.schema ? contract.bodyValidator(route.schema) : (/** @type {unknown} */ body) => body}));
    const missing = contract.operations.filter((op) => !this.apiHandlers[op.operationId]).map((op) => op.operationId);
    if (missing.length) throw new Error(`The emulator has no handler for ${missing.join(', ')}`);

    /** @type {Set<import('node:net').Socket>} every open connection, so close() can end keep-alive ones */
    this.sockets = new Set();
    /** @type {Set<Promise<void>>} requests being handled, so close() can let them settle */
    this.inFlight = new Set();
    this.server = createServer((req, res) => {
      const handling = this.#handle(req, res);
      this.inFlight.add(handling);
      handling.finally(() => this.inFlight.delete(handling));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req, socket, head) => this.live.handleUpgrade(req, socket, head));
  }

  /**
   * @param {number} port
   * @param {string} host
   * @returns {Promise<import('node:net').AddressInfo>}
   */
  listen(port, host) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve(/** @type {import('node:net').AddressInfo} */ (this.server.address())));
    });
  }

  /** Stops listening, drops every connection and socket, lets handlers settle, saves. */
  async close() {
    this.closing ??= (async () => {
      this.shutdown.abort();
      const stopped = new Promise((resolve) => this.server.close(resolve));
      await this.live.close();
      for (const socket of this.sockets) socket.destroy();
      await Promise.allSettled([...this.inFlight]);
      await stopped;
      await this.store.close();
    })();
    return this.closing;
  }

  /** Back to a fresh start: no data, faults, log or rate-limit history; default settings. */
  reset() {
    this.store.reset();
    this.faults.clear();
    this.requestLog.length = 0;
    this.rateLimiter.reset();
    this.settings = {...this.defaults};
  }

  /**
   * A conversation by id, in one project or (null) any.
   * @param {string | null} projectKey
   * @param {string} id
   * @throws {ApiError} CONVERSATION_NOT_FOUND
   */
  conversationInProject(projectKey, id) {
    const conversation = this.store.conversation(id);
    if (!conversation || (projectKey !== null && conversation.projectKey !== projectKey)) {
      throw new ApiError('CONVERSATION_NOT_FOUND', {details: {conversationId: id}});
    }
    return conversation;
  }

  /** @param {string} origin */
  isAllowedOrigin(origin) {
    return this.allowedOrigins ? this.allowedOrigins.includes(origin) : LOOPBACK_ORIGIN.test(origin);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async #handle(req, res) {
    const started = performance.now();
    if (this.log) res.on('close', () => console.log(`${req.method} ${req.url} → ${res.writableFinished ? res.statusCode : 'no answer'} (${Math.round(performance.now() - started)} ms)`));
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    try {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!this.isAllowedOrigin(origin)) throw new ApiError('FORBIDDEN', {message: `Origin ${origin} is not allowed`});
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
        res.setHeader('Access-Control-Expose-Headers', 'Retry-After, x-vercel-ai-ui-message-stream');
      }
      const inApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
      if (req.method === 'OPTIONS') {
        if (inApi) this.#logRequest(req, url, '');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
        return sendEmpty(res, 204);
      }
      if (inApi) return await this.#handleApi(req, res, url);
      if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return await this.#handleControl(req, res, url);
      throw new ApiError('NOT_FOUND', {message: `No such endpoint: ${req.method} ${url.pathname}`});
    } catch (error) {
      this.#fail(res, error);
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async #handleApi(req, res, url) {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const text = await readBody(req);
    this.#logRequest(req, url, text);

    const fault = this.faults.take(req.method ?? 'GET', path);
    if (fault && (await this.#answerFault(fault, req, res))) return;

    const match = this.contract.match(req.method ?? 'GET', path);
    if (!match) throw new ApiError('NOT_FOUND', {message: `No such endpoint: ${req.method} ${url.pathname}`});
    const visitor = match.operation.requiresAuth ? this.#authenticate(req) : null;
    const input = this.contract.validateRequest(match.operation, {pathParams: match.pathParams, searchParams: url.searchParams, body: parseJsonBody(text)});
    const result = await this.apiHandlers[match.operation.operationId]({res, ...input, visitor, fault});
    if (result) sendJson(res, result.status, result.json);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  async #handleControl(req, res, url) {
    const path = url.pathname.slice(CONTROL_PREFIX.length);
    const route = this.controlRoutes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) throw new ApiError('NOT_FOUND', {message: `No such control endpoint: ${req.method} ${url.pathname}`});
    const body = route.validate(parseJsonBody(await readBody(req)) ?? {});
    const result = await route.handle({params: /** @type {RegExpExecArray} */ (route.pattern.exec(path)).slice(1), body});
    if (result.json === undefined) sendEmpty(res, result.status);
    else sendJson(res, result.status, result.json);
  }

  /**
   * Applies a fault; true when it answered (or never will), so the request must not be processed.
   * @param {import('./faults.mjs').Fault} fault
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async #answerFault(fault, req, res) {
    if (fault.delayMs) await sleep(fault.delayMs, undefined, {signal: this.shutdown.signal});
    if (fault.hang) return true;
    if (fault.networkError) {
      req.socket.destroy();
      return true;
    }
    if (!faultAnswers(fault)) return false;
    sendFaultAnswer(res, fault);
    return true;
  }

  /**
   * The visitor of the request's bearer token.
   * @param {import('node:http').IncomingMessage} req
   * @throws {ApiError} UNAUTHORIZED
   */
  #authenticate(req) {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const visitor = token ? this.store.visitorForSession(token) : null;
    if (!visitor || !this.keys.has(visitor.projectKey)) throw new ApiError('UNAUTHORIZED');
    return visitor;
  }

  /**
   * Records a /v2 request for GET /__control/requests, without the token itself.
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {string} text the raw body
   */
  #logRequest(req, url, text) {
    let body;
    try {
      body = parseJsonBody(text) ?? null;
    } catch {
      body = text;
    }
    this.requestLog.push({method: req.method ?? 'GET', path: url.pathname.slice(API_PREFIX.length) || '/',
      query: Object.fromEntries(url.searchParams), body, hasAuthorization: req.headers.authorization !== undefined,
      at: new Date().toISOString()});
  }

  /**
   * @param {{origin: string | undefined, apiKey: string | null, conversationId: string}} request
   * @returns {number | null} the status to refuse the WebSocket with, or null to accept
   */
  #admitSocket({origin, apiKey, conversationId}) {
    if (origin !== undefined && !this.isAllowedOrigin(origin)) return 403;
    if (!apiKey || !this.keys.has(apiKey)) return 401;
    const conversation = this.store.conversation(conversationId);
    return conversation && conversation.projectKey === apiKey ? null : 404;
  }

  /**
   * Answers a failed request: documented errors as envelopes, anything else as a 500.
   * @param {import('node:http').ServerResponse} res
   * @param {unknown} error
   */
  #fail(res, error) {
    // Mid-stream, or shutting down: there is no way left to say anything.
    if (res.headersSent || this.shutdown.signal.aborted) {
      res.destroy();
      return;
    }
    if (error instanceof ApiError) {
      sendError(res, error);
      return;
    }
    console.error('[emulator]', error);
    sendError(res, new ApiError('INTERNAL_SERVER_ERROR'));
  }
}
