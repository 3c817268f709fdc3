/**
 * The emulator's data: visitors, their sessions and conversations, and every change to them.
 * Each mutation goes through a method here so that persistence is never forgotten. Messages are
 * stored in their API shape; conversations carry a few private fields (project, visitor, page).
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {STATE_VERSION, loadState, saveState, stateFileIn} from './persistence.mjs';

/** Writes are batched: a burst of changes (a seed, a stream) becomes one write. */
const SAVE_DELAY_MS = 100;

/**
 * @typedef {{name: string | null, image: string | null}} HumanAgent
 * @typedef {{id: string, projectKey: string, saVid: string, createdAt: string, type: 'anonymous' | 'identified',
 *   externalId: string | null, name: string | null, avatarUrl: string | null}} VisitorRecord
 * @typedef {Record<string, any> & {id: string, chatId: string, role: string, parts: any[]}} MessageRecord
 * @typedef {{id: string, projectKey: string, visitorId: string, startPageUrl: string | null, createdAt: string,
 *   updatedAt: string, status: 'open' | 'closed', closedAt: string | null, closeReason: string | null,
 *   lastInteractionAt: string, isHumanHandled: boolean, humanAgent: HumanAgent | null, title: string | null,
 *   messages: MessageRecord[]}} ConversationRecord
 */

const emptyState = () => ({version: STATE_VERSION, visitors: {}, sessions: {}, conversations: {}});

export class Store {
  /**
   * @param {string | null} dataDir null keeps everything in memory
   * @throws {import('./persistence.mjs').CorruptStateError}
   */
  static async open(dataDir) {
    const file = dataDir ? stateFileIn(dataDir) : null;
    return new Store(file, (file && (await loadState(file))) || emptyState());
  }

  /**
   * @param {string | null} file
   * @param {{visitors: Record<string, VisitorRecord>, sessions: Record<string, {visitorId: string, expiresAt: number}>,
   *   conversations: Record<string, ConversationRecord>}} data
   */
  constructor(file, data) {
    this.file = file;
    this.data = data;
    /** @type {NodeJS.Timeout | null} */
    this.saveTimer = null;
    /** Serialises writes so an older snapshot never lands after a newer one. */
    this.lastWrite = Promise.resolve();
  }

  reset() {
    this.data = emptyState();
    this.changed();
  }

  /** Schedules a save; call after every mutation. */
  changed() {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Writes pending changes now. */
  async flush() {
    if (!this.saveTimer) return this.lastWrite;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const file = /** @type {string} */ (this.file);
    const snapshot = JSON.parse(JSON.stringify(this.data));
    this.lastWrite = this.lastWrite
      .then(() => saveState(file, snapshot))
      .catch((error) => console.error(`[emulator] could not save ${file}: ${error.message}`));
    return this.lastWrite;
  }

  /** Writes pending changes and stops saving, so no timer outlives the emulator. */
  async close() {
    await this.flush();
    this.file = null;
  }

  /**
   * The visitor of a device id in a project, created on first sight.
   * @param {string} projectKey
   * @param {string} saVid
   * @returns {{visitor: VisitorRecord, created: boolean}}
   */
  visitorFor(projectKey, saVid) {
    const known = Object.values(this.data.visitors).find((v) => v.projectKey === projectKey && v.saVid === saVid);
    if (known) return {visitor: known, created: false};
    /** @type {VisitorRecord} */
    const visitor = {id: randomUUID(), projectKey, saVid, createdAt: new Date().toISOString(), type: 'anonymous',
      externalId: null, name: null, avatarUrl: null};
    this.data.visitors[visitor.id] = visitor;
    this.changed();
    return {visitor, created: true};
  }

  /**
   * A new opaque session token for a visitor.
   * @param {string} visitorId
   * @param {number} ttlSeconds
   */
  issueSession(visitorId, ttlSeconds) {
    const token = `sat_${randomBytes(24).toString('base64url')}`;
    this.data.sessions[token] = {visitorId, expiresAt: Date.now() + ttlSeconds * 1000};
    this.changed();
    return token;
  }

  /**
   * The visitor of a valid, unexpired session token.
   * @param {string} token
   * @returns {VisitorRecord | null}
   */
  visitorForSession(token) {
    const session = Object.hasOwn(this.data.sessions, token) ? this.data.sessions[token] : null;
    if (!session) return null;
    if (session.expiresAt <= Date.now()) {
      delete this.data.sessions[token];
      this.changed();
      return null;
    }
    return this.data.visitors[session.visitorId] ?? null;
  }

  /** @param {string} id */
  conversation(id) {
    return Object.hasOwn(this.data.conversations, id) ? this.data.conversations[id] : null;
  }

  /** @param {string} visitorId */
  conversationsOf(visitorId) {
    return Object.values(this.data.conversations).filter((c) => c.visitorId === visitorId);
  }

  /**
   * @param {VisitorRecord} visitor
   * @param {{startPageUrl?: string | null, at?: string}} [options] `at` backdates seeded data
   * @returns {ConversationRecord}
   */
  createConversation(visitor, {startPageUrl = null, at = new Date().toISOString()} = {}) {
    /** @type {ConversationRecord} */
    const conversation = {id: randomUUID(), projectKey: visitor.projectKey, visitorId: visitor.id, startPageUrl,
      createdAt: at, updatedAt: at, status: 'open', closedAt: null, closeReason: null, lastInteractionAt: at,
      isHumanHandled: false, humanAgent: null, title: null, messages: []};
    this.data.conversations[conversation.id] = conversation;
    this.changed();
    return conversation;
  }

  /**
   * Closes an open conversation; closing a closed one changes nothing.
   * @param {ConversationRecord} conversation
   * @param {string | null} reason
   * @returns {boolean} whether it was open
   */
  closeConversation(conversation, reason, at = new Date().toISOString()) {
    if (conversation.status === 'closed') return false;
    Object.assign(conversation, {status: 'closed', closedAt: at, closeReason: reason, updatedAt: at});
    this.changed();
    return true;
  }

  /**
   * @param {ConversationRecord} conversation
   * @param {HumanAgent} humanAgent
   */
  handOff(conversation, humanAgent, at = new Date().toISOString()) {
    Object.assign(conversation, {isHumanHandled: true, humanAgent, updatedAt: at});
    this.changed();
  }

  /**
   * @param {ConversationRecord} conversation
   * @param {string} title
   */
  setTitle(conversation, title, at = new Date().toISOString()) {
    Object.assign(conversation, {title, updatedAt: at});
    this.changed();
  }

  /**
   * Appends a message; it counts as an interaction.
   * @param {ConversationRecord} conversation
   * @param {{role: 'user' | 'assistant' | 'human_agent', parts: any[], status?: string | null,
   *   humanAgent?: HumanAgent | null, pageContext?: Record<string, string | null | undefined> | null, at?: string}} fields
   * @returns {MessageRecord}
   */
  addMessage(conversation, {role, parts, status = 'complete', humanAgent = null, pageContext = null, at = new Date().toISOString()}) {
    const message = {object: 'message', id: randomUUID(), createdAt: at, chatId: conversation.id, role, parts, status,
      error: null, feedback: null, feedbackAt: null, metadata: null, humanAgent,
      pageUrl: pageContext?.url ?? null, pageTitle: pageContext?.title ?? null, textSelection: pageContext?.textSelection ?? null};
    conversation.messages.push(message);
    Object.assign(conversation, {lastInteractionAt: at, updatedAt: at});
    this.changed();
    return message;
  }

  /**
   * Changes a stored message (streamed text, final status, feedback).
   * @param {MessageRecord} message
   * @param {Partial<MessageRecord>} fields
   */
  updateMessage(message, fields) {
    Object.assign(message, fields);
    this.changed();
  }

  /**
   * @param {string} messageId
   * @returns {{conversation: ConversationRecord, message: MessageRecord} | null}
   */
  findMessage(messageId) {
    for (const conversation of Object.values(this.data.conversations)) {
      const message = conversation.messages.find((m) => m.id === messageId);
      if (message) return {conversation, message};
    }
    return null;
  }
}

/** @param {VisitorRecord} visitor */
export const visitorView = ({id, type, externalId, name, avatarUrl}) => ({object: 'visitor', id, type, externalId, name, avatarUrl});

/** The fields a conversation shows in both its list and its full form. */
const conversationFields = ({id, createdAt, updatedAt, status, closedAt, closeReason, lastInteractionAt, isHumanHandled, humanAgent, title}) =>
  ({object: 'conversation', id, createdAt, updatedAt, status, closedAt, closeReason, lastInteractionAt, isHumanHandled, humanAgent, title});

/** @param {ConversationRecord} conversation */
export const conversationView = (conversation) => ({...conversationFields(conversation), messages: conversation.messages});

/** @param {ConversationRecord} conversation */
export const conversationSummaryView = (conversation) => ({...conversationFields(conversation), lastMessage: conversation.messages.at(-1) ?? null});
