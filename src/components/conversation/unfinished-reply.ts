import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {SiteAssistClient} from '../../api/client.js';
import type {Conversation} from '../../api/types.js';

/** How long after a read that lists a reply as streaming it is read again. */
const RECHECK_MS = 1_500;
const MAX_RECHECKS = 5;

/**
 * A reply the server still lists as streaming (stopped here, or written in another tab) is read
 * again a few times, until a read shows it finished. A read that finds a change reaches every
 * view through the client (as a write would) and comes back here through `seen`.
 */
export class UnfinishedReply implements ReactiveController {
  #rechecks = 0;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost & Element & {readonly client: SiteAssistClient | null}) {
    host.addController(this);
  }

  /** Each read of the shown conversation; `sending`: a reply of this element's own is on its way (it re-reads when it ends). */
  seen(conversation: Conversation, sending: boolean): void {
    clearTimeout(this.#timer);
    const unfinished = !sending && conversation.messages.some((m) => m.status === 'streaming');
    if (!unfinished) this.#rechecks = 0;
    else this.#recheckLater(conversation.id);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  #recheckLater(conversationId: string): void {
    if (++this.#rechecks > MAX_RECHECKS) return;
    this.#timer = setTimeout(async () => {
      const changed = await this.host.client?.refresh(conversationId).catch(() => false);
      if (!changed && this.host.isConnected) this.#recheckLater(conversationId);
    }, RECHECK_MS);
  }
}
