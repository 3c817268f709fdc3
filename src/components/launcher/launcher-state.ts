import {storeLauncherState, storedLauncherState} from '../../api/visitor-storage.js';

/** What the launcher remembers per key across page loads and tabs. */
export interface LauncherState {
  open: boolean;
  /** The conversation the visitor was in; null after it was ended, and for a new one not yet started. */
  conversationId: string | null;
  /** A human agent handles it: only then is it watched while the panel is closed. */
  humanHandled: boolean;
  /** The visitor closed the panel at least once: openDelay never opens it again. */
  everClosed: boolean;
  /** openDelay already opened it once. */
  autoOpened: boolean;
  unread: number;
  /** How many of the conversation's messages the visitor has seen: replies after them are unread. */
  seen: number;
}

const initial: LauncherState = {open: false, conversationId: null, humanHandled: false, everClosed: false, autoOpened: false, unread: 0, seen: 0};

/** The stored state, each field checked (storage is the page's: anything may be in it). */
export function loadState(key: string): LauncherState {
  const stored = storedLauncherState(key) as Partial<LauncherState> | null;
  const state = {...initial};
  if (!stored || typeof stored !== 'object') return state;
  for (const field of Object.keys(initial) as (keyof LauncherState)[]) {
    if (typeof stored[field] === typeof initial[field]) (state as Record<string, unknown>)[field] = stored[field];
  }
  if (typeof stored.conversationId === 'string') state.conversationId = stored.conversationId;
  return state;
}

export const saveState = (key: string, state: LauncherState) => storeLauncherState(key, state);
