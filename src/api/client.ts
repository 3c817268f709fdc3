import {KeyRefusedError, SiteAssistError, abortError, errorFromResponse, isAbort} from './errors.js';
import {readUiMessageStream} from './ui-message-stream.js';
import {storeToken, storedToken, visitorId} from './visitor-storage.js';
import type {
  CloseConversationResult,
  Conversation,
  ConversationList,
  ConversationListQuery,
  Feedback,
  MessageList,
  MessageListQuery,
  PageContext,
  Project,
  Visitor,
} from './types.js';

export const DEFAULT_API_URL = 'https://api.siteassist.io/v2';

export interface ClientConfig {
  /** Base URL of the v2 API, without a trailing slash. */
  apiUrl: string;
  /** Publishable key (`pk_…`): the client opens and renews a visitor session with it. */
  apiKey?: string;
  /** A session token the host page already has; used as is and never renewed. */
  token?: string;
}

/** What changed about a conversation; elements showing it or a list of it refresh. */
export type ConversationChange = 'created' | 'updated' | 'closed';

/** Fired on the client after a write, so every element sharing it can refresh. */
export class ConversationChangeEvent extends Event {
  static readonly type = 'conversation-change';
  constructor(
    readonly conversationId: string,
    readonly change: ConversationChange
  ) {
    super(ConversationChangeEvent.type);
  }
}

/** Fired on the client before it waits out a failure (a 503's or a 429's Retry-After) and asks again. */
export class RetryWaitEvent extends Event {
  static readonly type = 'retry-wait';
  constructor(
    readonly path: string,
    readonly error: SiteAssistError
  ) {
    super(RetryWaitEvent.type);
  }
}

export type SendOutcome =
  /** The assistant replied; `text` is the whole streamed reply. */
  | {repliedBy: 'assistant'; text: string}
  /** A human agent handles the conversation: the message was stored and no AI reply comes. */
  | {repliedBy: 'human_agent'};

export interface SendOptions {
  signal?: AbortSignal;
  /** Called with each piece of reply text as it streams in. */
  onText?: (delta: string) => void;
}

interface RequestOptions {
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Sends the visitor's Bearer token (all but identity/init and projects/current). */
  auth?: boolean;
}

interface SharedRequest {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

const MAX_ATTEMPTS = 3;
/** Longer waits are left to the caller (the elements show a countdown), never slept through here. */
const MAX_AUTOMATIC_WAIT_SECONDS = 5;
const CACHE_SECONDS = 30;
const CACHE_ENTRIES = 50;

/** A conversation's resource path, which its sub-resources (messages, close) extend. */
const conversationPath = (conversationId: string) => `/conversations/${encodeURIComponent(conversationId)}`;

/** Settles with `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits `ms`, or rejects as soon as `signal` aborts; either way no timer is left behind. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return untilAborted(wait, signal).finally(() => clearTimeout(timer));
}

/**
 * Seconds to wait before another attempt, or null when the failure is final. GETs are retried on
 * network failures, 429, 502 and 503; writes only on 429 and 503, where the server says it did
 * not process the request, so a retry can never store anything twice.
 */
function retryDelaySeconds(error: SiteAssistError, attempt: number, idempotent: boolean): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const retryable = idempotent
    ? error.code === 'NETWORK_ERROR' || [429, 502, 503].includes(error.status)
    : [429, 503].includes(error.status);
  if (!retryable) return null;
  const seconds = error.retryAfter ?? 0.25 * 2 ** attempt * (1 + Math.random() / 2);
  return seconds <= MAX_AUTOMATIC_WAIT_SECONDS ? seconds : null;
}

/**
 * The SiteAssist v2 visitor API: one instance per configuration, shared by every element with
 * that configuration (see `getService`). It owns the visitor session, retries, request sharing
 * and a small cache that its own writes invalidate.
 */
export class SiteAssistClient extends EventTarget {
  readonly config: Readonly<ClientConfig>;
  #session: Promise<string> | null = null;
  readonly #inflight = new Map<string, SharedRequest>();
  readonly #cache = new Map<string, {value: unknown; expires: number}>();

  constructor(config: ClientConfig) {
    super();
    this.config = {...config, apiUrl: config.apiUrl.replace(/\/+$/, '')};
  }

  // Endpoints, one method each.

  getProject(signal?: AbortSignal): Promise<Project> {
    const apiKey = this.#requireKey();
    return this.#get<Project>('/projects/current', 'project', {query: {apiKey}, signal, auth: false});
  }

  getVisitor(signal?: AbortSignal): Promise<Visitor> {
    return this.#get<Visitor>('/identity/me', 'visitor', {signal});
  }

  listConversations(query: ConversationListQuery = {}, signal?: AbortSignal): Promise<ConversationList> {
    return this.#get<ConversationList>('/conversations', 'list', {query: {...query}, signal});
  }

  getConversation(conversationId: string, signal?: AbortSignal): Promise<Conversation> {
    return this.#get<Conversation>(conversationPath(conversationId), 'conversation', {signal});
  }

  listMessages(conversationId: string, query: MessageListQuery = {}, signal?: AbortSignal): Promise<MessageList> {
    return this.#get<MessageList>(`${conversationPath(conversationId)}/messages`, 'list', {
      query: {...query},
      signal,
    });
  }

  async createConversation(context: {pageUrl?: string} | null, signal?: AbortSignal): Promise<Conversation> {
    const conversation = await this.#json<Conversation>('POST', '/conversations', {
      body: context ? {context} : {},
      signal,
    });
    this.changed(conversation.id, 'created');
    return conversation;
  }

  async closeConversation(conversationId: string, closeReason?: string, signal?: AbortSignal): Promise<CloseConversationResult> {
    const result = await this.#json<CloseConversationResult>(
      'POST',
      `${conversationPath(conversationId)}/close`,
      {body: closeReason ? {closeReason} : {}, signal}
    );
    this.changed(conversationId, 'closed');
    return result;
  }

  async setFeedback(conversationId: string, messageId: string, feedback: Feedback, signal?: AbortSignal): Promise<Feedback> {
    const result = await this.#json<{feedback: Feedback}>(
      'POST',
      `/messages/${encodeURIComponent(messageId)}/feedback`,
      {body: {feedback}, signal}
    );
    this.changed(conversationId, 'updated');
    return result.feedback;
  }

  /**
   * Sends a visitor message and streams the assistant's reply through `onText`. Resolves when the
   * reply is complete; rejects with a `SiteAssistError` when it fails or is cut off (the text
   * received so far has already been passed to `onText`).
   */
  async sendMessage(
    conversationId: string,
    message: {content: string; pageContext?: PageContext | null},
    {signal, onText}: SendOptions = {}
  ): Promise<SendOutcome> {
    const path = `${conversationPath(conversationId)}/messages`;
    try {
      const response = await this.#fetch('POST', path, {body: {...message, stream: true}, signal});
      if (response.status === 202) return {repliedBy: 'human_agent'};
      if (!response.body) throw new SiteAssistError('INVALID_RESPONSE', 'The reply had no body', response.status);
      let text = '';
      for await (const chunk of readUiMessageStream(response.body, signal)) {
        if (chunk.type === 'text-delta') {
          text += chunk.delta;
          onText?.(chunk.delta);
        }
      }
      return {repliedBy: 'assistant', text};
    } finally {
      // Even a failed send may have stored the visitor's message: let every view re-read.
      this.changed(conversationId, 'updated');
    }
  }

  /**
   * Reads a conversation again, past the cache, and only if it differs from the last read tells every
   * element sharing this client, as a write does: a poll that finds nothing new costs one request.
   */
  async recheck(conversationId: string): Promise<void> {
    // The last read stays cached, stale or not, under the path, a space and the session.
    const key = `${conversationPath(conversationId)} `;
    let before: string | undefined;
    for (const [cached, {value}] of this.#cache) {
      if (!cached.startsWith(key)) continue;
      before = JSON.stringify(value);
      this.#cache.delete(cached);
    }
    if (JSON.stringify(await this.getConversation(conversationId)) !== before) this.changed(conversationId, 'updated');
  }

  /** Forgets cached reads of a conversation (and all lists) and tells every element sharing this client. */
  changed(conversationId: string, change: ConversationChange): void {
    const path = conversationPath(conversationId);
    const affected = (key: string) => /^\/conversations[? ]/.test(key) || key.startsWith(path);
    // Reads already in flight may predate the write: later readers must not join or cache them.
    for (const store of [this.#cache, this.#inflight]) {
      for (const key of store.keys()) if (affected(key)) store.delete(key);
    }
    this.dispatchEvent(new ConversationChangeEvent(conversationId, change));
  }

  // Transport.

  #requireKey(): string {
    if (!this.config.apiKey) {
      throw new SiteAssistError('NOT_CONFIGURED', 'Set api-key (a publishable key) to use this');
    }
    return this.config.apiKey;
  }

  /** The token in use: the host's, or the stored one for the key (re-read, so a cleared store means a new session). */
  #currentToken(): string | null {
    return this.config.token ?? (this.config.apiKey ? storedToken(this.config.apiKey) : null);
  }

  /** The session token, opening a visitor session first when there is none. Concurrent callers share one init. */
  #sessionToken(signal?: AbortSignal): Promise<string> {
    const token = this.#currentToken();
    if (token) return Promise.resolve(token);
    const apiKey = this.#requireKey();
    this.#session ??= this.#json<{sessionToken: string}>('POST', '/identity/init', {
      body: {apiKey, saVid: visitorId(apiKey)},
      auth: false,
    })
      .then(({sessionToken}) => {
        storeToken(apiKey, sessionToken);
        return sessionToken;
      })
      .finally(() => (this.#session = null));
    return untilAborted(this.#session, signal);
  }

  #url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value != null) params.set(name, String(value));
    }
    const search = params.toString();
    return `${this.config.apiUrl}${path}${search ? `?${search}` : ''}`;
  }

  /** One HTTP exchange: no retries, but a typed error for anything other than a 2xx answer. */
  async #exchange(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {Accept: 'application/json, text/event-stream'};
    if (options.auth !== false) headers.Authorization = `Bearer ${await this.#sessionToken(options.signal)}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.#url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (isAbort(error) || options.signal?.aborted) throw abortError();
      throw new SiteAssistError('NETWORK_ERROR', 'The SiteAssist service could not be reached');
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /**
   * An exchange with the session and retry rules: a 401 on a key-based session renews the session
   * once and repeats the request; retryable failures are repeated with backoff (see retryDelaySeconds).
   */
  async #fetch(method: string, path: string, options: RequestOptions): Promise<Response> {
    let renewedSession = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#exchange(method, path, options);
      } catch (error) {
        if (!(error instanceof SiteAssistError)) throw error;
        if (error.status === 401 && options.auth !== false && this.config.apiKey && !renewedSession) {
          renewedSession = true;
          storeToken(this.config.apiKey, null);
          continue;
        }
        if (error.status === 401 && options.auth === false) throw new KeyRefusedError(error);
        const wait = retryDelaySeconds(error, attempt, method === 'GET');
        if (wait === null) throw error;
        this.dispatchEvent(new RetryWaitEvent(path, error));
        await sleep(wait * 1000, options.signal);
      }
    }
  }

  async #json<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const response = await this.#fetch(method, path, options);
    try {
      return (await response.json()) as T;
    } catch (error) {
      if (options.signal?.aborted) throw abortError();
      throw new SiteAssistError('INVALID_RESPONSE', 'The server answered with a body that is not valid JSON', response.status);
    }
  }

  /**
   * A read: served from the cache while fresh, otherwise shared with every identical read in
   * flight. The shared request is aborted only when all of its callers have aborted.
   */
  async #get<T>(path: string, object: string, options: RequestOptions): Promise<T> {
    // Keyed by session too: another visitor's session (storage cleared, a new token) never sees these reads.
    const session = options.auth === false ? '' : await this.#sessionToken(options.signal);
    const key = `${this.#url(path, options.query).slice(this.config.apiUrl.length)} ${session}`;
    const cached = this.#cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.value as T;

    let shared = this.#inflight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = this.#json<T>('GET', path, {...options, signal: controller.signal}).then((value) => {
        // Every v2 resource names its kind: anything else (a proxy's JSON, a truncated body) is not an answer.
        if ((value as {object?: unknown} | null)?.object !== object) {
          throw new SiteAssistError('INVALID_RESPONSE', `The server answered without the expected ${object}`, 200);
        }
        if (this.#inflight.get(key) === shared) this.#remember(key, value);
        return value;
      });
      shared = {promise, controller, users: 0};
      const request = shared;
      promise.finally(() => this.#inflight.get(key) === request && this.#inflight.delete(key)).catch(() => {});
      this.#inflight.set(key, shared);
    }
    shared.users++;
    try {
      return (await untilAborted(shared.promise, options.signal)) as T;
    } finally {
      if (--shared.users === 0 && options.signal?.aborted) {
        shared.controller.abort();
        if (this.#inflight.get(key) === shared) this.#inflight.delete(key);
      }
    }
  }

  #remember(key: string, value: unknown): void {
    this.#cache.delete(key);
    this.#cache.set(key, {value, expires: Date.now() + CACHE_SECONDS * 1000});
    if (this.#cache.size > CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
  }
}
