import {forgetMemoryCopies, visitorId} from '../../src/api/visitor-storage.js';

/**
 * The local SiteAssist v2 emulator, as the browser tests see it: its API URL (on its own loopback
 * port, so every call is cross-origin) and its control endpoints (emulator/README.md). Each test file
 * has an emulator of its own (web-test-runner.config.mjs starts it on the first ask), so files can run
 * side by side.
 */
export const testSession = new URLSearchParams(location.search).get('wtr-session-id') ?? '';
export const apiUrl: string = await (await fetch(`/__emulator?session=${encodeURIComponent(testSession)}`)).text();
export const apiKey = 'pk_demo';
const controlUrl = apiUrl.replace(/\/v2$/, '/__control');

export async function control<T = unknown>(path: string, body?: unknown, method = 'POST'): Promise<T> {
  const response = await fetch(`${controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Fault {
  method?: string;
  path: string;
  count?: number;
  status?: number;
  code?: string;
  details?: Record<string, unknown>;
  retryAfter?: number;
  retryAfterHeader?: boolean;
  delayMs?: number;
  body?: 'malformed-json' | 'html' | 'empty' | 'huge';
  cutStreamAfterFrames?: number;
  streamError?: string;
  networkError?: boolean;
  hang?: boolean;
}

/**
 * Seeds conversations for the current visitor of `key` (emulator/README.md says what each index holds:
 * handed off, closed, with a link action).
 */
export const seed = (conversations: number, messagesPerConversation?: number, key = apiKey) =>
  control<{conversationIds: string[]}>('/seed', {apiKey: key, saVid: visitorId(key), conversations, messagesPerConversation});

export const injectFault = (fault: Fault) => control<{id: string}>('/faults', fault);

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  hasAuthorization: boolean;
}

/** Requests the emulator received since the last reset (CORS preflights only when asked for), optionally only those matching. */
export async function requests(method?: string, path?: string | RegExp): Promise<LoggedRequest[]> {
  const all = await control<LoggedRequest[]>('/requests', undefined, 'GET');
  return all.filter(
    (r) =>
      (method ? r.method === method : r.method !== 'OPTIONS') &&
      (!path || (typeof path === 'string' ? r.path === path : path.test(r.path)))
  );
}

/**
 * A clean slate before each test: no emulator state, no stored visitor or token, so every test
 * is a new visitor.
 */
export async function resetEmulator(): Promise<void> {
  await control('/reset');
  localStorage.clear();
  // A new visit too: no draft left in a message box (WebKit runs every file in one window).
  sessionStorage.clear();
  // And what a test that blocked storage left in memory.
  forgetMemoryCopies();
}
