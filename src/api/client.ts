import {KeyRefusedError, SiteAssistError, abortError, errorFromResponse, isAbort, untilAborted} from './errors.js';
import {ReadCache, conversationPath} from './read-cache.js';
import {StreamedReply, readUiMessageStream, type UiMessageChunk} from './ui-message-stream.js';
import {storeToken, storedToken, visitorId} from './visitor-storage.js';
import type {
  CloseConversationResult,
  Conversation,
  ConversationList,
  ConversationListQuery,
  Feedback,
  MessageList,
  MessageListQuery,
  MessagePart,
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
  /**
   * The assistant replied (`aborted`: the server stopped the reply part-way, as Stop would). `text` is
   * the reply's text parts with a blank line between them; `parts` is the reply as the stored message
   * will hold it; `messageId` and `metadata` are the stream's own (`start`, `message-metadata` and
   * `finish` parts), when the server sends them.
   */
  | {repliedBy: 'assistant'; text: string; parts: MessagePart[]; messageId: string | undefined; metadata: unknown; aborted: boolean}
  /** A human agent handles the conversation: the message was stored and no AI reply comes. */
  | {repliedBy: 'human_agent'};

export interface SendOptions {
  signal?: AbortSignal;
  /** Called with each piece of reply text as it streams in; the pieces join to the outcome's `text`. */
  onText?: (delta: string) => void;
  /** Called after each stream part with the reply so far (one object, updated in place) and that part. */
  onUpdate?: (reply: StreamedReply, chunk: UiMessageChunk) => void;
}

interface RequestOptions {
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Sends the visitor's Bearer token (all but identity/init and projects/current). */
  auth?: boolean;
}

const MAX_ATTEMPTS = 3;
/** Longer waits are left to the caller (the elements show a countdown), never slept through here. */
const MAX_AUTOMATIC_WAIT_SECONDS = 5;

/** A resource as the API names it: the path and its query. */
function resourceOf(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value != null) params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
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
 * that configuration (see `getClient`). It owns the visitor session, retries, request sharing
 * and a small cache that its own writes invalidate.
 */
export class SiteAssistClient extends EventTarget {
  readonly config: Readonly<ClientConfig>;
  #session: Promise<string> | null = null;
  readonly #reads = new ReadCache();

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
   * Sends a visitor message and streams the assistant's reply through `onText` and `onUpdate`.
   * Resolves when the reply is complete or the server stopped it (an `abort` part); rejects with a
   * `SiteAssistError` when it fails or is cut off (what arrived so far has already been passed on).
   */
  async sendMessage(
    conversationId: string,
    message: {content: string; pageContext?: PageContext | null},
    {signal, onText, onUpdate}: SendOptions = {}
  ): Promise<SendOutcome> {
    const path = `${conversationPath(conversationId)}/messages`;
    try {
      const response = await this.#fetch('POST', path, {body: {...message, stream: true}, signal});
      if (response.status === 202) return {repliedBy: 'human_agent'};
      if (!response.body) throw new SiteAssistError('INVALID_RESPONSE', 'The reply had no body', response.status);
      const reply = new StreamedReply();
      for await (const chunk of readUiMessageStream(response.body, signal)) {
        const delta = reply.apply(chunk);
        if (delta) onText?.(delta);
        onUpdate?.(reply, chunk);
      }
      const {text, parts, messageId, metadata, aborted} = reply;
      return {repliedBy: 'assistant', text, parts, messageId, metadata, aborted};
    } finally {
      // Even a failed send may have stored the visitor's message: let every view re-read.
      this.changed(conversationId, 'updated');
    }
  }

  /**
   * Reads a conversation again, past the cache. Nothing was written here, but someone else may have
   * (a human agent, another tab, a reply the server was still streaming): only if the read differs
   * from the last one does every element sharing this client hear of it, as of a write. A poll that
   * finds nothing new costs one request. Resolves with whether the conversation changed.
   */
  async refresh(conversationId: string): Promise<boolean> {
    const session = this.#currentToken() ?? '';
    const before = JSON.stringify(this.#reads.peek(conversationPath(conversationId), session, {stale: true}));
    this.#reads.forget(conversationId, {lists: false});
    const changed = JSON.stringify(await this.getConversation(conversationId)) !== before;
    if (changed) this.changed(conversationId, 'updated');
    return changed;
  }

  /** @deprecated The earlier name of `refresh`. */
  async recheck(conversationId: string): Promise<void> {
    await this.refresh(conversationId);
  }

  /**
   * Resolves once there is a visitor session, opening one with the key when there is none (sharing
   * the init any read in flight started): a request made after this resolves is sent at once.
   */
  async session(signal?: AbortSignal): Promise<void> {
    await this.#sessionToken(signal);
  }

  /**
   * Something was written to a conversation (by this client, or elsewhere as the server or a
   * refresh tells): forgets the cached reads of it and of every list, and tells every element
   * sharing this client, so they read again.
   */
  changed(conversationId: string, change: ConversationChange): void {
    this.#reads.forget(conversationId, {lists: true});
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

  /** One HTTP exchange: no retries, but a typed error for anything other than a 2xx answer. */
  async #exchange(method: string, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {Accept: 'application/json, text/event-stream'};
    if (options.auth !== false) headers.Authorization = `Bearer ${await this.#sessionToken(options.signal)}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.config.apiUrl + resourceOf(path, options.query), {
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
   * flight (see ReadCache).
   */
  async #get<T>(path: string, object: string, options: RequestOptions): Promise<T> {
    // Kept per session: another visitor's session (storage cleared, a new token) never sees these reads.
    const session = options.auth === false ? '' : await this.#sessionToken(options.signal);
    const resource = resourceOf(path, options.query);
    const cached = this.#reads.peek<T>(resource, session);
    if (cached !== undefined) return cached;
    const read = async (signal: AbortSignal) => {
      const value = await this.#json<T>('GET', path, {...options, signal});
      // Every v2 resource names its kind: anything else (a proxy's JSON, a truncated body) is not an answer.
      if ((value as {object?: unknown} | null)?.object !== object) {
        throw new SiteAssistError('INVALID_RESPONSE', `The server answered without the expected ${object}`, 200);
      }
      return value;
    };
    return this.#reads.share(resource, session, read, options.signal);
  }
}
