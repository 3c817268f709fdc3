import {html} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {keyed} from 'lit/directives/keyed.js';
import type {Conversation} from '../../api/types.js';
import {renderMessage, type MessageContext} from './message-view.js';
import {messageKey} from './reconcile.js';
import type {Turn} from './turn.js';

export interface LogState {
  conversation: Conversation | null;
  /** The turn on its way: its message stands after the messages it followed. */
  turn: Turn | null;
  /** Server message id → the key its placeholder had (see reconcile). */
  keys: ReadonlyMap<string, string>;
  /** Where the "joined" line goes (see HandOff); null: nowhere. */
  joinedAt: number | null;
  context: MessageContext;
}

/**
 * The log of messages. Keyed per conversation: a new live region is not read out in full.
 * Guarded: a streamed chunk re-renders only the streaming reply, never the history.
 */
export function renderLog({conversation, turn, keys, joinedAt, context}: LogState): unknown {
  const {i18n} = context;
  const log = guard([conversation, turn, turn?.user, turn?.after, context.assistantName, i18n, joinedAt], () => {
    const messages = conversation?.messages ?? [];
    const shown = turn ? [...messages.slice(0, turn.after), turn.user] : messages;
    // Lit reuses an array's items by position; `keyed` gives each position its message's key, so a
    // different message there gets a node of its own. That keeps every node as `repeat` would (which
    // costs ~660 B gzip more) as long as messages keep their positions: the log only appends, and a
    // placeholder hands its key to the stored copy in its place (reconcile). Were messages ever put
    // above others (older pages loaded at the top), every node below would be rebuilt: use `repeat`.
    // The test "keeps every message's node while the log grows" fails if this stops holding.
    const rendered: unknown[] = shown.map((message) =>
      keyed(messageKey(keys, message), guard([message, i18n], () => renderMessage(message, context)))
    );
    // The line joins where the log ends, or is there from the first render: it never shifts messages already shown.
    if (joinedAt !== null && joinedAt <= shown.length) {
      const name = conversation?.humanAgent?.name || i18n.humanAgent;
      rendered.splice(joinedAt, 0, keyed('joined', html`<p part="agent-joined" class="joined">${i18n.agentJoined(name)}</p>`));
    }
    return rendered;
  });
  return keyed(conversation?.id ?? '', html`<div role="log" aria-live="polite" class="log">${log}</div>`);
}
