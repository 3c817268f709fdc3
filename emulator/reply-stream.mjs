/**
 * Writes a reply as a Vercel AI SDK "UI message stream" (protocol v1) the way the `ai` package's
 * `createUIMessageStreamResponse` does: its headers, server-sent events `data: <json>\n\n`, ending
 * with `data: [DONE]\n\n`, paced like a model producing tokens. test/emulator/ checks it byte for
 * byte against the `ai` package.
 */
import {setImmediate as nextTurn, setTimeout as sleep} from 'node:timers/promises';
import {streamChunks} from './assistant.mjs';

/** The id of the built-in assistant's single text part within its stream. */
const TEXT_ID = 'txt-0';

/** The headers `createUIMessageStreamResponse` sends. */
export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  'x-vercel-ai-ui-message-stream': 'v1',
};

/** The stream ended early: the client went away, the emulator is closing, or a fault cut it. */
class StreamStopped extends Error {}

/**
 * The built-in assistant's reply as stream parts: one step with one text part, as `streamText`
 * sends a plain answer.
 * @param {string} messageId announced in `start`: the stored assistant message's id
 * @param {string} text the whole reply
 */
export function* replyChunks(messageId, text) {
  yield {type: 'start', messageId};
  yield {type: 'start-step'};
  yield {type: 'text-start', id: TEXT_ID};
  for (const delta of streamChunks(text)) yield {type: 'text-delta', id: TEXT_ID, delta};
  yield {type: 'text-end', id: TEXT_ID};
  yield {type: 'finish-step'};
  yield {type: 'finish', finishReason: 'stop'};
}

/**
 * @typedef {object} StreamOptions
 * @property {Iterable<object> | AsyncIterable<object>} chunks the UI message stream parts to send
 * @property {() => number} paceMs read before each text delta but the first, so settings apply mid-stream
 * @property {AbortSignal} shutdown aborted when the emulator closes
 * @property {(chunk: object) => void} [onChunk] called after each part is sent
 * @property {number} [cutAfterFrames] fault: end the connection after this many frames, the response unfinished
 * @property {string} [errorText] fault: fail the reply after the first delta, as `streamText` reports a model error
 */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {StreamOptions} options
 * @returns {Promise<'complete' | 'aborted' | 'error' | 'stopped'>} `aborted`: the parts ended with `abort`
 */
export async function streamReply(res, {chunks, paceMs, shutdown, onChunk = () => {}, cutAfterFrames, errorText}) {
  res.writeHead(200, STREAM_HEADERS);
  const clientGone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  const stop = AbortSignal.any([shutdown, clientGone.signal]);

  let framesSent = 0;
  /** @param {object | '[DONE]'} frame */
  const send = (frame) => {
    if (stop.aborted || res.destroyed) throw new StreamStopped();
    if (framesSent === cutAfterFrames) {
      // A connection lost mid-reply: what was sent reaches the client, then the connection ends without
      // the response's end. (A reset instead let the client's network stack drop what it had not read.)
      res.socket?.end();
      throw new StreamStopped();
    }
    res.write(`data: ${frame === '[DONE]' ? frame : JSON.stringify(frame)}\n\n`);
    framesSent += 1;
  };

  let outcome = /** @type {'complete' | 'aborted' | 'error'} */ ('complete');
  let deltas = 0;
  try {
    for await (const chunk of chunks) {
      if (chunk.type === 'text-delta' && deltas++ > 0) await pause(paceMs(), stop);
      send(chunk);
      onChunk(chunk);
      if (chunk.type === 'abort') outcome = 'aborted';
      if (chunk.type === 'error') outcome = 'error';
      if (errorText && chunk.type === 'text-delta') {
        for (const frame of [{type: 'error', errorText}, {type: 'finish-step'}, {type: 'finish', finishReason: 'error'}]) send(frame);
        outcome = 'error';
        break;
      }
    }
    send('[DONE]');
    res.end();
    return outcome;
  } catch (error) {
    if (error instanceof StreamStopped || stop.aborted) return 'stopped';
    throw error;
  }
}

/** Waits between chunks; with no pacing it still yields, so a huge reply cannot starve the server. */
function pause(ms, signal) {
  return ms > 0 ? sleep(ms, undefined, {signal}) : nextTurn(undefined, {signal});
}
