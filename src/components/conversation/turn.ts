import type {Conversation, Message, MessagePart, PageContext} from '../../api/types.js';
import {textOfParts, type StreamedReply, type UiMessageChunk} from '../../api/ui-message-stream.js';
import {MarkdownDocument} from '../../internal/markdown.js';

/** Longest page selection sent as context; a whole selected article is not a question's context. */
const MAX_SELECTION_LENGTH = 1_000;

let localIds = 0;

/** Ids of messages shown before the server has stored them; server ids are UUIDs, never like these. */
export const isLocal = (message: Message): boolean => message.id.startsWith('local-');

/** A message as the element shows it before the server has its copy. */
export function localMessage(role: Message['role'], chatId: string, text: string): Message {
  return {
    object: 'message',
    id: `local-${++localIds}`,
    createdAt: new Date().toISOString(),
    chatId,
    role,
    parts: [{type: 'text', text}],
    status: 'complete',
    error: null,
    feedback: null,
    feedbackAt: null,
    metadata: null,
    humanAgent: null,
    pageUrl: null,
    pageTitle: null,
    textSelection: null,
  };
}

/** The markdown of a message: its text parts, a blank line between them (as a streamed reply's text). */
export const textOf = (message: Message): string => textOfParts(message.parts);

/** Whether `parts` hold any text yet (without joining it: that costs the whole text on every chunk). */
export const hasText = (parts: readonly MessagePart[]): boolean => parts.some((part) => part.type === 'text' && part.text);

/** Text the visitor selected on the page, trimmed and bounded, or null. */
export function pageSelection(): string | null {
  return document.getSelection()?.toString().trim().slice(0, MAX_SELECTION_LENGTH) || null;
}

/** One visitor message on its way: what is sent, how far it got, and the reply streaming in. */
export class Turn {
  phase: 'sending' | 'streaming' | 'failed' = 'sending';
  error: unknown = null;
  /** The reply was stopped (Stop, Escape, or the stream's own abort): it ends without an error and reads "Stopped". */
  stopped = false;
  /** The reply received so far, part by part: the client's, updated in place as it streams in. */
  reply: {readonly parts: readonly MessagePart[]} = {parts: []};
  /** The reply's text parts parsed as they stream in: each delta parses only the unfinished tail. */
  readonly #documents = new WeakMap<MessagePart, MarkdownDocument>();
  /** Aborts the current attempt (Stop, Escape, another conversation); each attempt has its own. */
  controller = new AbortController();
  /** Whether `sa-message-sent` has fired: once per message, however many attempts it takes. */
  announcedSent = false;
  /** The visitor's message as shown; its status is 'error' while the send has failed. */
  user: Message;
  /**
   * How many messages the conversation had before this one. Anything the server lists after
   * that may be this message's stored copy. Unset until a fresh read has told.
   */
  after: number | undefined;

  constructor(
    public conversationId: string | undefined,
    readonly content: string,
    readonly pageContext: PageContext | null,
    after: number | undefined
  ) {
    this.after = after;
    this.user = {...localMessage('user', conversationId ?? '', content), status: null};
  }

  /** Takes in the reply after one more stream part. */
  update(reply: StreamedReply, chunk: UiMessageChunk): void {
    this.reply = reply;
    const part = chunk.type === 'text-delta' && reply.textPart(chunk.id);
    if (part) this.documentOf(part).append(chunk.delta);
  }

  /** The parse of one of the reply's text parts, as far as it has streamed. */
  documentOf(part: MessagePart): MarkdownDocument {
    let doc = this.#documents.get(part);
    if (!doc) this.#documents.set(part, (doc = new MarkdownDocument()));
    return doc;
  }

  /**
   * The reply as a message, standing in for the stored one until the re-read brings it. Its parts are
   * copies: a message's parts never change, and these ones did while they streamed.
   */
  replyMessage(chatId: string): Message {
    return {...localMessage('assistant', chatId, ''), parts: this.reply.parts.map((part) => ({...part}))};
  }

  /** The server's copy of this message, when a read shows that it was stored. */
  storedIn(conversation: Conversation): Message | undefined {
    return this.after === undefined
      ? undefined
      : conversation.messages.slice(this.after).find((m) => m.role === 'user' && textOf(m) === this.content);
  }
}
