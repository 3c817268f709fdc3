/**
 * SiteAssist's undocumented hand-off WebSocket: `/v2/conversations/{id}/ws?apiKey=<pk>`.
 * The client sends `ping`, the server answers `pong`; the server pushes JSON events
 * `{type: "human_assigned"}` and `{type: "new_message", message}` for its conversation.
 */
import {WebSocketServer} from 'ws';

const SOCKET_PATH = /^\/v2\/conversations\/([^/]+)\/ws$/;

export class LiveUpdates {
  /**
   * @param {(request: {origin: string | undefined, apiKey: string | null, conversationId: string}) => number | null} admit
   *   null to accept, else the HTTP status to refuse with
   */
  constructor(admit) {
    this.admit = admit;
    this.server = new WebSocketServer({noServer: true});
    /** @type {Map<string, Set<import('ws').WebSocket>>} sockets by conversation id */
    this.sockets = new Map();
  }

  /**
   * Handles an HTTP server's `upgrade` event.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:stream').Duplex} socket
   * @param {Buffer} head
   */
  handleUpgrade(req, socket, head) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SOCKET_PATH.exec(url.pathname);
    const conversationId = match ? decodeURIComponent(match[1]) : '';
    const refusal = match ? this.admit({origin: req.headers.origin, apiKey: url.searchParams.get('apiKey'), conversationId}) : 404;
    if (refusal !== null) {
      socket.end(`HTTP/1.1 ${refusal} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.#register(conversationId, ws));
  }

  /**
   * Sends an event to every socket watching a conversation.
   * @param {string} conversationId
   * @param {object} event
   */
  publish(conversationId, event) {
    const text = JSON.stringify(event);
    for (const ws of this.sockets.get(conversationId) ?? []) ws.send(text);
  }

  /** Drops every socket, without the closing handshake, so shutdown never waits on a client. */
  close() {
    for (const ws of this.server.clients) ws.terminate();
    this.sockets.clear();
    return new Promise((resolve) => this.server.close(() => resolve(undefined)));
  }

  /**
   * @param {string} conversationId
   * @param {import('ws').WebSocket} ws
   */
  #register(conversationId, ws) {
    const watchers = this.sockets.get(conversationId) ?? new Set();
    watchers.add(ws);
    this.sockets.set(conversationId, watchers);
    ws.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === 'ping') ws.send('pong');
    });
    ws.on('close', () => watchers.delete(ws));
  }
}
