import type {SiteAssistClient} from '../../api/client.js';
import type {Conversation, Feedback, Message} from '../../api/types.js';
import type {ShownConversation} from './shown-conversation.js';

/** A message's feedback while a request for it is on its way. */
interface Open {
  /** What the server holds, as far as its answers told. */
  held: Feedback;
  /** The visitor's latest choice. */
  wanted: Feedback;
}

/**
 * Feedback sent one request at a time per message: a choice made while one is on its way waits, and
 * only the latest waiting choice is sent, so quick changes (like, dislike, undo) never land out of
 * order and the server ends with the visitor's last choice.
 */
export class FeedbackQueue {
  readonly #open = new Map<string, Open>();

  /** `failed`: a request failed; `held` is what the server still holds, to show again. */
  constructor(private readonly failed: (messageId: string, held: Feedback, error: unknown) => void) {}

  /** The visitor's latest choice for a message whose feedback is still on its way; undefined when none is. */
  wanted(messageId: string): Feedback | undefined {
    return this.#open.get(messageId)?.wanted;
  }

  /**
   * The visitor chose `wanted` for a message showing `shown` (what the server holds, when nothing is
   * on its way); `post` sends one choice (the first call's is used until the queue is empty).
   */
  async choose(messageId: string, shown: Feedback, wanted: Feedback, post: (feedback: Feedback) => Promise<unknown>): Promise<void> {
    const open = this.#open.get(messageId);
    if (open) {
      open.wanted = wanted;
      return;
    }
    const state: Open = {held: shown, wanted};
    this.#open.set(messageId, state);
    try {
      while (state.held !== state.wanted) {
        const next = state.wanted;
        await post(next);
        state.held = next;
      }
    } catch (error) {
      this.failed(messageId, state.held, error);
    } finally {
      this.#open.delete(messageId);
    }
  }
}

export interface FeedbackOptions {
  client(): SiteAssistClient | null;
  /** The visitor chose (an earlier error is let go). */
  chose(): void;
  failed(error: unknown): void;
}

/** Like and dislike under a reply: shown at once, sent through a queue, taken back when it fails. */
export class FeedbackAction {
  readonly #queue = new FeedbackQueue((messageId, held, error) => {
    this.#show(messageId, held);
    this.options.failed(error);
  });

  constructor(
    private readonly shown: ShownConversation,
    private readonly options: FeedbackOptions
  ) {}

  /** The visitor pressed like or dislike: pressing the pressed one again takes it back. */
  set(message: Message, value: NonNullable<Feedback>): void {
    const client = this.options.client();
    const id = this.shown.value?.id;
    if (!client || !id) return;
    const feedback = message.feedback === value ? null : value;
    this.#show(message.id, feedback);
    this.options.chose();
    this.#queue.choose(message.id, message.feedback, feedback, (choice) => client.setFeedback(id, message.id, choice));
  }

  /** A read taken between two feedback requests shows the visitor's latest choice, not the server's state in between. */
  overlay(conversation: Conversation): Conversation {
    const messages = conversation.messages.map((m) => {
      const wanted = this.#queue.wanted(m.id);
      return wanted === undefined || wanted === m.feedback ? m : {...m, feedback: wanted};
    });
    return {...conversation, messages};
  }

  #show(messageId: string, feedback: Feedback): void {
    const conversation = this.shown.value;
    if (!conversation) return;
    const messages = conversation.messages.map((m) => (m.id === messageId ? {...m, feedback} : m));
    this.shown.show({...conversation, messages});
  }
}
