import {SiteAssistError, abortError} from './errors.js';

/**
 * One frame of the AI SDK "UI message stream" (SSE, `data: <json>`). Only the frames the widget
 * acts on are typed; every other `type` (reasoning, tools, sources, data parts) passes through as
 * `OtherChunk` so callers can skip it.
 */
export type UiMessageChunk =
  | {type: 'start'; messageId?: string}
  | {type: 'text-start'; id: string}
  | {type: 'text-delta'; id: string; delta: string}
  | {type: 'text-end'; id: string}
  | {type: 'finish'}
  | OtherChunk;

interface OtherChunk {
  type: `${'start-step' | 'finish-step' | 'reasoning' | 'source' | 'tool' | 'data' | 'message'}${string}`;
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
 * Ends normally only after `finish` or `[DONE]`; an `error` frame rejects with `STREAM_ERROR`, a
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
        if (chunk.type === 'finish') finished = true;
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
