/**
 * Per-key visitor state kept in localStorage: the device id (`saVid`, the key SiteAssist's own
 * widget uses, so a visitor keeps their history when a site switches widgets) and the session
 * token; and in sessionStorage, for the tab's visit only, the unsent text of each conversation.
 * Falls back to memory when storage is blocked (private modes, sandboxed iframes) or full.
 */
const memory = new Map<string, string>();

// Reaching `localStorage` itself throws where storage is blocked, so one try covers both cases.
const local = () => localStorage;
const session = () => sessionStorage;

function read(key: string, area = local): string | null {
  try {
    // Where storage is full, the in-memory copy is newer than what it still holds (write drops it once stored).
    return memory.get(key) ?? area().getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null, area = local): void {
  try {
    if (value === null) area().removeItem(key);
    else area().setItem(key, value);
    memory.delete(key);
  } catch {
    // Blocked or full: an in-memory copy serves this page.
    if (value === null) memory.delete(key);
    else memory.set(key, value);
  }
}

/** Forgets every in-memory copy: for tests, where storage blocked in one test works again in the next. */
export function forgetMemoryCopies(): void {
  memory.clear();
}

/** A UUID v4 from getRandomValues, which (unlike randomUUID) also exists on plain-http pages. */
function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

/** Whether this device already has an id for the key; without one, SiteAssist has never seen this visitor. */
export function hasVisitorId(apiKey: string): boolean {
  return read(`sa_vid_${apiKey}`) !== null;
}

export function visitorId(apiKey: string): string {
  const key = `sa_vid_${apiKey}`;
  let id = read(key);
  if (!id) write(key, (id = uuid()));
  return id;
}

export function storedToken(apiKey: string): string | null {
  return read(`sa_token_${apiKey}`);
}

export function storeToken(apiKey: string, token: string | null): void {
  write(`sa_token_${apiKey}`, token);
}

/** What `<sa-launcher>` remembers for a key (JSON), or null when nothing is stored or it does not parse. */
export function storedLauncherState(apiKey: string): unknown {
  try {
    return JSON.parse(read(`sa_launcher_${apiKey}`) ?? 'null');
  } catch {
    return null;
  }
}

export function storeLauncherState(apiKey: string, state: object): void {
  write(`sa_launcher_${apiKey}`, JSON.stringify(state));
}

const draftKey = (owner: string, conversationId?: string) => `sa_draft_${owner}_${conversationId || 'new'}`;

/** The text left in the message box of a conversation (none: the welcome screen's), for `owner` (an API key). */
export function storedDraft(owner: string, conversationId: string | undefined): string | null {
  return read(draftKey(owner, conversationId), session);
}

/** Keeps the message box's text for the tab's visit; empty text forgets it. */
export function storeDraft(owner: string, conversationId: string | undefined, text: string): void {
  write(draftKey(owner, conversationId), text || null, session);
}
