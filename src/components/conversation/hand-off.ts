import type {Conversation, Message} from '../../api/types.js';
import {emit} from '../../internal/events.js';
import {textOf} from './turn.js';

/** A human agent taking over: their messages told to the host, and where the "joined" line goes in the log. */
export class HandOff {
  /** Where in the log the "Sam joined the conversation" line goes: before the agent's first message, or where the join was seen. */
  joinedAt: number | null = null;

  constructor(private readonly host: HTMLElement) {}

  /** Each read (after reconcile): `agentMessages` are the agent's new messages, `agentJoined` says one joined since the last read. */
  seen(conversation: Conversation, agentMessages: readonly Message[], agentJoined: boolean): void {
    for (const message of agentMessages) {
      emit(this.host, 'sa-message-received', {conversationId: conversation.id, message, text: textOf(message)});
    }
    const {messages} = conversation;
    if (!conversation.isHumanHandled) this.joinedAt = null;
    else if (this.joinedAt === null || agentJoined) {
      const firstAgentMessage = messages.findIndex((m) => m.role === 'human_agent');
      this.joinedAt = firstAgentMessage >= 0 ? firstAgentMessage : messages.length;
    }
  }
}
