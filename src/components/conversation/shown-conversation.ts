import type {ReactiveControllerHost} from 'lit';
import type {Conversation, Message} from '../../api/types.js';
import {emit} from '../../internal/events.js';
import {messageKey, reconcile, withPlaceholders, type Reconciled} from './reconcile.js';
import {isLocal, type Turn} from './turn.js';

/** Fields of a re-read that a host (a list row) shows: a change in one fires `sa-conversation-update`. */
const HOST_FIELDS = ['title', 'status', 'isHumanHandled'] as const;

/**
 * The conversation as the element shows it: the server's last read, plus placeholders for the
 * turn that just ended until the re-read brings their stored copies. Each read is merged in
 * (`reconcile`) and the host hears what it wants to know: `sa-conversation-load` for the first
 * read of a conversation, `sa-conversation-update` when a re-read changed what a list row shows.
 */
export class ShownConversation {
  value: Conversation | null = null;
  /** Server message id → the key its placeholder had (see reconcile). */
  keys: ReadonlyMap<string, string> = new Map();
  /** Keys of the replies the visitor stopped here (the server lists them as failed). */
  readonly #stopped = new Set<string>();
  /** The conversation `sa-conversation-load` was fired for. */
  #loadedId: string | null = null;

  /** `overlay`: what the visitor chose and the server has not confirmed yet, laid over each read (feedback). */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly overlay: (conversation: Conversation) => Conversation
  ) {}

  /** Takes in a read of the shown conversation: keeps what did not change, fires what a host wants to know. */
  take(next: Conversation): Reconciled {
    const previous = this.value?.id === next.id ? this.value : null;
    const read = reconcile(this.value, next, this.keys);
    const {conversation} = read;
    this.value = this.overlay(conversation);
    this.keys = read.keys;
    if (this.#loadedId !== next.id) {
      this.#loadedId = next.id;
      emit(this.host, 'sa-conversation-load', {conversation});
    } else if (
      previous &&
      (HOST_FIELDS.some((field) => previous[field] !== next[field]) || previous.messages.at(-1) !== conversation.messages.at(-1))
    ) {
      emit(this.host, 'sa-conversation-update', {conversation});
    }
    return read;
  }

  /** Shows a change made here (feedback, closing) until the next read. */
  show(conversation: Conversation): void {
    this.value = conversation;
    this.host.requestUpdate();
  }

  /** The visitor's first message created this conversation; its first read fires `sa-conversation-load`. */
  created(conversation: Conversation): void {
    this.value = conversation;
    this.#loadedId = null;
  }

  /** A turn ended: its message and reply stand in as placeholders; a stopped reply is remembered as stopped. */
  settle(turn: Turn): void {
    if (!this.value) return;
    this.value = withPlaceholders(this.value, turn);
    const reply = this.value.messages.at(-1);
    if (turn.stopped && reply && isLocal(reply) && reply.role === 'assistant') this.#stopped.add(reply.id);
  }

  /** Another conversation (or the welcome screen) is shown: nothing of this one stays. */
  clear(): void {
    this.value = null;
    this.keys = new Map();
    this.#loadedId = null;
  }

  /** Whether the visitor stopped this reply here. */
  stopped(message: Message): boolean {
    return this.#stopped.has(messageKey(this.keys, message));
  }
}
