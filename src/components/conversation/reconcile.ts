import type {Conversation, Message} from '../../api/types.js';
import {hasText, isLocal, type Turn} from './turn.js';

/** What a read of a conversation changes about the one shown. */
export interface Reconciled {
  /** The read, with every message that did not change still the object shown before (so its rendering is skipped). */
  conversation: Conversation;
  /** Server message id → the key its placeholder had, so the DOM node (and the log's announcement) stays. */
  keys: ReadonlyMap<string, string>;
  /** Human agents' messages this read brought; none on a first read. */
  agentMessages: Message[];
  /** Whether a human agent took the conversation over since the previous read. */
  agentJoined: boolean;
}

/** The key a message renders under: its placeholder's, once the server's copy replaced one, else its id. */
export const messageKey = (keys: ReadonlyMap<string, string>, message: Message): string => keys.get(message.id) ?? message.id;

/**
 * Merges a read of a conversation (`next`) into the one shown (`previous`, with its placeholders
 * for messages the server did not have yet). A placeholder's key passes to the server's message in
 * its place with the same role. A `previous` of another conversation counts as none.
 */
export function reconcile(previous: Conversation | null, next: Conversation, keys: ReadonlyMap<string, string>): Reconciled {
  const shown = previous?.id === next.id ? previous : null;
  const known = new Map(shown?.messages.map((m) => [m.id, m]));
  const nextKeys = new Map(shown ? keys : []);
  shown?.messages.forEach((message, index) => {
    const stored = next.messages[index];
    if (isLocal(message) && stored?.role === message.role) nextKeys.set(stored.id, messageKey(keys, message));
  });
  const messages = next.messages.map((m) => {
    const old = known.get(m.id);
    return old && JSON.stringify(old) === JSON.stringify(m) ? old : m;
  });
  return {
    conversation: {...next, messages},
    keys: nextKeys,
    agentMessages: shown ? messages.filter((m) => m.role === 'human_agent' && !known.has(m.id)) : [],
    agentJoined: Boolean(shown && next.isHumanHandled && !shown.isHumanHandled),
  };
}

/**
 * The conversation with a finished turn's message, and the reply as far as it came, in place of
 * whatever followed the turn's start: they stand in until the re-read brings the server's copies.
 */
export function withPlaceholders(conversation: Conversation, turn: Turn): Conversation {
  if (conversation.id !== turn.conversationId) return conversation;
  const reply = hasText(turn.reply.parts) ? [turn.replyMessage(conversation.id)] : [];
  const user = {...turn.user, status: 'complete' as const};
  return {...conversation, messages: [...conversation.messages.slice(0, turn.after), user, ...reply]};
}
