import {SiteAssistError, abortError} from './errors.js';
import type {MessagePart} from './types.js';

/**
 * One frame of the AI SDK "UI message stream" (SSE, `data: <json>`). The frames the widget acts on
 * are typed; every other `type` (reasoning, data parts, files) passes through as `OtherChunk` so
 * callers can skip it.
 */
export type UiMessageChunk =
  | {type: 'start'; messageId?: string; messageMetadata?: unknown}
  | {type: 'text-start'; id: string}
  | {type: 'text-delta'; id: string; delta: string}
  | {type: 'text-end'; id: string}
  | {type: 'source-url'; sourceId: string; url: string; title?: string}
  | {type: 'source-document'; sourceId: string; mediaType: string; title: string; filename?: string}
  | {type: 'tool-input-start'; toolCallId: string; toolName: string; dynamic?: boolean}
  | {type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown; dynamic?: boolean}
  | {type: 'tool-input-error'; toolCallId: string; toolName: string; input: unknown; errorText: string; dynamic?: boolean}
  | {type: 'tool-output-available'; toolCallId: string; output: unknown}
  | {type: 'tool-output-error'; toolCallId: string; errorText: string}
  | {type: 'message-metadata'; messageMetadata: unknown}
  | {type: 'finish'; messageMetadata?: unknown; finishReason?: string}
  | {type: 'abort'; reason?: string}
  | OtherChunk;

interface OtherChunk {
  type: `${'start-step' | 'finish-step' | 'reasoning' | 'tool' | 'data' | 'file'}${string}`;
}

type Part = MessagePart & Record<string, unknown>;

/** The text of `parts`: its non-empty text parts, a blank line between them (each part is its own block). */
export const textOfParts = (parts: readonly MessagePart[]): string =>
  parts.flatMap((part) => (part.type === 'text' && typeof part.text === 'string' && part.text ? [part.text] : [])).join('\n\n');

/** The state a tool part is in after each kind of tool chunk, as the AI SDK's client sets it. */
const TOOL_STATES: Record<string, string | undefined> = {
  'tool-input-start': 'input-streaming',
  'tool-input-available': 'input-available',
  'tool-input-error': 'output-error',
  'tool-output-available': 'output-available',
  'tool-output-error': 'output-error',
};

/** `update` over `base` as the AI SDK merges message metadata: objects key by key, anything else replaced. */
function mergeMetadata(base: unknown, update: unknown): unknown {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(base) || !isObject(update)) return update === undefined ? base : update;
  const merged = {...base};
  for (const key in update) merged[key] = mergeMetadata(base[key], update[key]);
  return merged;
}

/**
 * A reply as its stream builds it, part by part, in the shape the AI SDK's own client (and so the
 * stored message) gives it: `step-start`, `text`, `source-url`, `source-document` and tool parts
 * (`tool-<name>` with `state`, `input`, `output`), in stream order. Reasoning and data parts are left out.
 * Parts change in place as their chunks arrive: a text part's `text` only grows.
 */
export class StreamedReply {
  /** From the `start` part: the id the server gives this reply. */
  messageId: string | undefined;
  /** The message metadata of the `start`, `message-metadata` and `finish` parts, merged. */
  metadata: unknown;
  readonly parts: Part[] = [];
  /** The stream ended with an `abort` part: the reply was stopped, not finished. */
  aborted = false;
  /** The text parts by stream id and the tool parts by call id, for the chunks that continue them. */
  readonly #texts = new Map<string, Part>();
  readonly #tools = new Map<string, Part>();

  /** The text part a `text-delta` with this stream id extends. */
  textPart(id: string): MessagePart | undefined {
    return this.#texts.get(id);
  }

  /** The reply's text: {@link textOfParts}. */
  get text(): string {
    return textOfParts(this.parts);
  }

  /** Takes in one chunk; returns the text it added to {@link text} (a new text part begins with a blank line). */
  apply(chunk: UiMessageChunk): string {
    const c = chunk as Record<string, any>;
    // A call's later chunks name only its id; one for an unknown call changes nothing.
    const tool = (): Part => {
      let part = this.#tools.get(c.toolCallId);
      if (!part && c.toolName) {
        part = c.dynamic ? {type: 'dynamic-tool', toolName: c.toolName} : {type: `tool-${c.toolName}`};
        part.toolCallId = c.toolCallId;
        this.parts.push(part);
        this.#tools.set(c.toolCallId, part);
      }
      return part ?? ({} as Part);
    };
    const state = TOOL_STATES[chunk.type];
    if (state) {
      const part = tool();
      part.state = state;
      for (const key of ['input', 'output', 'errorText']) if (key in c) part[key] = c[key];
    }
    if (chunk.type === 'start') this.messageId = c.messageId ?? this.messageId;
    switch (chunk.type) {
      case 'start':
      case 'message-metadata':
      case 'finish':
        this.metadata = mergeMetadata(this.metadata, c.messageMetadata);
        break;
      case 'start-step':
        this.parts.push({type: 'step-start'});
        break;
      case 'text-start': {
        const part: Part = {type: 'text', text: ''};
        this.parts.push(part);
        this.#texts.set(c.id, part);
        break;
      }
      case 'text-delta': {
        const part = this.#texts.get(c.id);
        if (!part || !c.delta) break;
        const separator = !part.text && this.text ? '\n\n' : '';
        part.text += c.delta;
        return separator + c.delta;
      }
      case 'source-url':
      case 'source-document':
        this.parts.push({...c} as Part);
        break;
      case 'abort':
        this.aborted = true;
    }
    return '';
  }
}

const FRAME_END = /\r?\n\r?\n/;

/** The `data:` payload of one SSE event, or null when it has none (comments, `event:` lines). */
function eventData(event: string): string | null {
  const lines = event.split(/\r?\n/).filter((line) => line.startsWith('data:'));
  if (lines.length === 0) return null;
  return lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
}

/**
 * Reads a streamed reply frame by frame. The work per network chunk is proportional to that
 * chunk: only the unfinished tail of the text is kept between reads.
 *
 * Ends normally only after `finish`, `abort` or `[DONE]`; an `error` frame rejects with `STREAM_ERROR`, a
 * body that ends or breaks before that with `STREAM_INTERRUPTED`, an abort with `ABORTED`.
 */
export async function* readUiMessageStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal
): AsyncGenerator<UiMessageChunk, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finished = false;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        if (signal?.aborted) throw abortError();
        throw new SiteAssistError('STREAM_INTERRUPTED', 'The reply was cut off before it finished');
      }
      if (result.done) break;
      buffer += decoder.decode(result.value, {stream: true});
      let match: RegExpExecArray | null;
      while ((match = FRAME_END.exec(buffer))) {
        const data = eventData(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
        if (data === null) continue;
        if (data === '[DONE]') return;
        let chunk: UiMessageChunk | {type: 'error'; errorText?: string};
        try {
          chunk = JSON.parse(data);
        } catch {
          throw new SiteAssistError('INVALID_RESPONSE', 'The reply stream contained a malformed frame');
        }
        if (chunk.type === 'error') {
          throw new SiteAssistError('STREAM_ERROR', (chunk as {errorText?: string}).errorText || 'The reply failed');
        }
        if (chunk.type === 'finish' || chunk.type === 'abort') finished = true;
        yield chunk as UiMessageChunk;
      }
    }
    if (!finished) {
      if (signal?.aborted) throw abortError();
      throw new SiteAssistError('STREAM_INTERRUPTED', 'The reply was cut off before it finished');
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
