/**
 * Writes a reply as a Vercel AI SDK "UI message stream" (protocol v1): server-sent events
 * `data: <json>\n\n`, ending with `data: [DONE]\n\n`, paced like a model producing tokens.
 */
import {setImmediate as nextTurn, setTimeout as sleep} from 'node:timers/promises';
import {streamChunks} from './assistant.mjs';

/** The id of the reply's single text part within the stream. */
const TEXT_ID = 'txt-0';

/** The stream ended early: the client went away, the emulator is closing, or a fault cut it. */
class StreamStopped extends Error {}

/**
 * @typedef {object} StreamOptions
 * @property {string} messageId announced in the `start` frame; the stored assistant message's id
 * @property {string} text the whole reply
 * @property {() => number} paceMs read before each chunk, so settings apply mid-stream
 * @property {AbortSignal} shutdown aborted when the emulator closes
 * @property {(textSoFar: string) => void} onText called after each delta
 * @property {number} [cutAfterFrames] fault: destroy the socket after this many frames
 * @property {string} [errorText] fault: send an `error` frame after the first delta
 */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {StreamOptions} options
 * @returns {Promise<{outcome: 'complete' | 'error' | 'stopped', text: string}>}
 */
export async function streamReply(res, {messageId, text, paceMs, shutdown, onText, cutAfterFrames, errorText}) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'x-vercel-ai-ui-message-stream': 'v1',
  });
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
      res.destroy();
      throw new StreamStopped();
    }
    res.write(`data: ${frame === '[DONE]' ? frame : JSON.stringify(frame)}\n\n`);
    framesSent += 1;
  };

  let sent = '';
  try {
    send({type: 'start', messageId});
    send({type: 'start-step'});
    send({type: 'text-start', id: TEXT_ID});
    for (const [index, delta] of streamChunks(text).entries()) {
      if (index > 0) await pause(paceMs(), stop);
      send({type: 'text-delta', id: TEXT_ID, delta});
      sent += delta;
      onText(sent);
      if (errorText) {
        send({type: 'error', errorText});
        send('[DONE]');
        res.end();
        return {outcome: 'error', text: sent};
      }
    }
    send({type: 'text-end', id: TEXT_ID});
    send({type: 'finish-step'});
    send({type: 'finish'});
    send('[DONE]');
    res.end();
    return {outcome: 'complete', text: sent};
  } catch (error) {
    if (error instanceof StreamStopped || stop.aborted) return {outcome: 'stopped', text: sent};
    throw error;
  }
}

/** Waits between chunks; with no pacing it still yields, so a huge reply cannot starve the server. */
function pause(ms, signal) {
  return ms > 0 ? sleep(ms, undefined, {signal}) : nextTurn(undefined, {signal});
}
