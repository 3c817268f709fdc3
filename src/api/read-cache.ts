import {untilAborted} from './errors.js';

const CACHE_SECONDS = 30;
const CACHE_ENTRIES = 50;

/** A conversation's resource path, which its sub-resources (messages, close) extend. */
export const conversationPath = (conversationId: string): string => `/conversations/${encodeURIComponent(conversationId)}`;

/** Lists of conversations, with any query. */
const isList = (resource: string) => resource === '/conversations' || resource.startsWith('/conversations?');

interface SharedRead {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

/**
 * The client's reads: answers kept for a while, and reads in flight shared by identical callers.
 * A read is known by its resource (path and query) and the session it was read with, so another
 * visitor's session (storage cleared, a new token) never sees these reads; only this class
 * builds or takes apart that key.
 */
export class ReadCache {
  readonly #answers = new Map<string, {value: unknown; expires: number}>();
  readonly #inflight = new Map<string, SharedRead>();

  /** The answer kept for a read while it is fresh; with `stale`, the last one kept however old. */
  peek<T>(resource: string, session: string, {stale = false} = {}): T | undefined {
    const kept = this.#answers.get(key(resource, session));
    return kept && (stale || kept.expires > Date.now()) ? (kept.value as T) : undefined;
  }

  remember(resource: string, session: string, value: unknown): void {
    const k = key(resource, session);
    this.#answers.delete(k);
    this.#answers.set(k, {value, expires: Date.now() + CACHE_SECONDS * 1000});
    if (this.#answers.size > CACHE_ENTRIES) this.#answers.delete(this.#answers.keys().next().value!);
  }

  /**
   * Forgets the reads of a conversation (itself and its messages) and, with `lists`, of every list
   * of conversations. Reads in flight go too: they may predate a write, so later readers must not
   * join or keep them.
   */
  forget(conversationId: string, {lists}: {lists: boolean}): void {
    const path = conversationPath(conversationId);
    const affected = (resource: string) =>
      resource === path || resource.startsWith(`${path}/`) || resource.startsWith(`${path}?`) || (lists && isList(resource));
    for (const store of [this.#answers, this.#inflight]) {
      for (const k of store.keys()) if (affected(resourceOf(k))) store.delete(k);
    }
  }

  /**
   * `read`'s answer, or the answer of the identical read already in flight, which the caller
   * joins; the answer is kept unless the read was forgotten meanwhile. The shared read is aborted
   * only when all of its callers have aborted.
   */
  async share<T>(resource: string, session: string, read: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const k = key(resource, session);
    let shared = this.#inflight.get(k);
    if (!shared) {
      const controller = new AbortController();
      const request: SharedRead = {
        promise: read(controller.signal).then((value) => {
          if (this.#inflight.get(k) === request) this.remember(resource, session, value);
          return value;
        }),
        controller,
        users: 0,
      };
      request.promise.finally(() => this.#inflight.get(k) === request && this.#inflight.delete(k)).catch(() => {});
      this.#inflight.set(k, (shared = request));
    }
    shared.users++;
    try {
      return (await untilAborted(shared.promise, signal)) as T;
    } finally {
      if (--shared.users === 0 && signal?.aborted) {
        shared.controller.abort();
        if (this.#inflight.get(k) === shared) this.#inflight.delete(k);
      }
    }
  }
}

// A resource never holds a space (its path segments and query are URL-encoded), so the first space ends it.
const key = (resource: string, session: string) => `${resource} ${session}`;
const resourceOf = (k: string) => k.slice(0, k.indexOf(' '));
