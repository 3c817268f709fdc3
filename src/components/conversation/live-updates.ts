import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {SiteAssistClient} from '../../api/client.js';

/** The open conversation an element shows, as far as live updates care. */
export interface LiveTarget {
  client: SiteAssistClient;
  conversationId: string;
  humanHandled: boolean;
}

const PING_MS = 30_000;
const POLL_MS = 5_000;
const FIRST_RECONNECT_MS = 1_000;
const MAX_RECONNECT_MS = 30_000;

/**
 * Human hand-off live updates for the open conversation an element shows: SiteAssist's WebSocket
 * (`…/conversations/{id}/ws?apiKey=`) while it is reachable, reconnecting with backoff; while it
 * is not (or with a token-only configuration, which has no key for it) and a human agent handles
 * the conversation, polling instead. A socket event tells the client that the conversation changed,
 * and a poll that finds it changed does the same, so every element showing it, and every list, re-reads it.
 */
export class LiveUpdates implements ReactiveController {
  #client: SiteAssistClient | undefined;
  #conversationId = '';
  #humanHandled = false;
  #socket: WebSocket | null = null;
  #open = false;
  #failures = 0;
  #reconnectTimer?: ReturnType<typeof setTimeout>;
  #pingTimer?: ReturnType<typeof setInterval>;
  #pollTimer?: ReturnType<typeof setInterval>;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => LiveTarget | null
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.#follow(this.target());
  }

  hostDisconnected(): void {
    this.#follow(null);
  }

  #follow(target: LiveTarget | null): void {
    if (target?.client !== this.#client || (target?.conversationId ?? '') !== this.#conversationId) {
      this.#disconnect();
      this.#client = target?.client;
      this.#conversationId = target?.conversationId ?? '';
      this.#failures = 0;
      if (target) this.#connect();
    }
    this.#humanHandled = target?.humanHandled ?? false;
    this.#pollWhileNeeded();
  }

  #connect(): void {
    const {apiUrl, apiKey} = this.#client!.config;
    if (!apiKey) return;
    const id = encodeURIComponent(this.#conversationId);
    const socket = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/conversations/${id}/ws?apiKey=${encodeURIComponent(apiKey)}`);
    this.#socket = socket;
    socket.onopen = () => {
      // Events may have been missed while the socket was down: read again.
      if (this.#failures > 0) this.#refresh();
      this.#failures = 0;
      this.#open = true;
      this.#pingTimer = setInterval(() => socket.send('ping'), PING_MS);
      this.#pollWhileNeeded();
    };
    socket.onmessage = ({data}) => {
      let event: {type?: unknown} | null = null;
      try {
        event = JSON.parse(String(data));
      } catch {
        return; // `pong` and anything else that is not an event
      }
      if (event?.type === 'new_message' || event?.type === 'human_assigned') this.#changed();
    };
    socket.onclose = () => {
      this.#dropSocket();
      const delay = Math.min(MAX_RECONNECT_MS, FIRST_RECONNECT_MS * 2 ** this.#failures++);
      this.#reconnectTimer = setTimeout(() => this.#connect(), delay * (0.5 + Math.random() / 2));
      this.#pollWhileNeeded();
    };
  }

  /** The server said the conversation was written to. */
  #changed(): void {
    this.#client?.changed(this.#conversationId, 'updated');
  }

  /** Reads the conversation again; a difference reaches every view as a write would. A failed read says nothing to the visitor: the next one tries again. */
  #refresh(): void {
    this.#client?.refresh(this.#conversationId).catch(() => {});
  }

  #pollWhileNeeded(): void {
    const needed = this.#humanHandled && !this.#open;
    if (needed && !this.#pollTimer) this.#pollTimer = setInterval(() => this.#refresh(), POLL_MS);
    if (!needed && this.#pollTimer) {
      clearInterval(this.#pollTimer);
      this.#pollTimer = undefined;
    }
  }

  #dropSocket(): void {
    if (this.#socket) this.#socket.onopen = this.#socket.onmessage = this.#socket.onclose = null;
    this.#socket = null;
    this.#open = false;
    clearInterval(this.#pingTimer);
  }

  #disconnect(): void {
    this.#socket?.close();
    this.#dropSocket();
    clearTimeout(this.#reconnectTimer);
    this.#humanHandled = false;
    this.#pollWhileNeeded();
  }
}
