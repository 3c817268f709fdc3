import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {elementRef, type ElementRef} from '../../internal/element-ref.js';
import type {Strings} from '../../internal/strings.js';
import {storeDraft, storedDraft} from '../../api/visitor-storage.js';
import type {Conversation} from '../../api/types.js';
import {textOf} from './turn.js';

/** The API refuses longer messages; the element refuses them before any request. */
const MAX_MESSAGE_LENGTH = 10_000;
/** A draft may run over the limit (the counter says by how much); longer text from storage is not one the box kept. */
const MAX_KEPT_LENGTH = 2 * MAX_MESSAGE_LENGTH;

/**
 * A message taken from the box that the server has not accepted, and how many stored messages its
 * conversation had when it was taken: a copy of it in the history can only come after those.
 */
type Unsent = [content: string, after: number];

/** A kept draft as stored: the box's text and the messages not accepted. */
interface Kept {
  text: string;
  unsent: Unsent[];
}

/** The kept draft of a place; a string that is not one (an earlier version's) is the box's text alone. */
function parseKept(stored: string): Kept {
  try {
    const kept = JSON.parse(stored) as Kept;
    if (typeof kept.text === 'string' && Array.isArray(kept.unsent)) return kept;
  } catch {
    // Not JSON (or JSON null): text as an earlier version kept it.
  }
  return {text: stored, unsent: []};
}

/**
 * What the visitor is writing, and whether their last attempt to send it was refused for its length.
 * It is kept in sessionStorage on every change, with each message sent from the box that the server
 * has not accepted yet, so a page change or a reload loses none of it: the next box holds them all,
 * except the messages its conversation's history shows the server has.
 */
export class Draft {
  text = '';
  tooLong = false;
  /** Whose draft of which conversation (none: the welcome screen) the box holds; unset until the element has a client. */
  #place?: [owner: string, conversationId: string | undefined];
  /** Messages taken from the box that the server has not accepted (nor the visitor dismissed): kept with its text. */
  #unsent: Unsent[] = [];
  /** The box holds a conversation's kept draft whose messages are not yet compared with its history. */
  #restored = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The visitor typed (or the host put text in the box): a refusal for length no longer applies. */
  set(text: string): void {
    this.text = text;
    this.tooLong = false;
    this.#keep();
    this.host.requestUpdate();
  }

  /**
   * The box now shows `conversationId` (none: the welcome screen) for `owner`, an API key (none: the
   * draft is kept for this element only): it holds the draft kept for it, empty when there is none.
   * Text already in the box before the first place is kept, not replaced; `created` (the welcome
   * screen's message started this conversation) carries the box's text over and forgets the welcome
   * screen's.
   */
  showFor(owner: string | undefined, conversationId: string | undefined, created: boolean): void {
    const from = this.#place;
    if (from?.[0] === owner && from?.[1] === conversationId) return;
    this.#place = owner ? [owner, conversationId] : undefined;
    if (!owner) return;
    if (created && from) storeDraft(from[0], from[1], '');
    if (created || (!from && this.text)) return this.#keep();
    const stored = storedDraft(owner, conversationId);
    // The messages on their way from the place left stay in its kept draft until its history shows them.
    const {text, unsent} = stored ? parseKept(stored) : {text: '', unsent: []};
    this.text = text.length <= MAX_KEPT_LENGTH ? text : '';
    this.tooLong = false;
    this.#unsent = unsent;
    this.#restored = unsent.length > 0;
    // The welcome screen has no history to compare with.
    if (!conversationId) this.seen({messages: []});
  }

  /**
   * The conversation's history, read: restored messages it has reached the server before the last
   * page heard so, and are forgotten rather than shown twice; the others come back in the box,
   * before the text typed after them.
   */
  seen({messages}: Pick<Conversation, 'messages'>): void {
    if (!this.#restored) return;
    this.#restored = false;
    const unsent = this.#unsent.filter(
      ([content, after]) => !messages.slice(after).some((m) => m.role === 'user' && textOf(m) === content)
    );
    this.#unsent = [];
    this.set([...unsent.map(([content]) => content), this.text].filter(Boolean).join('\n\n'));
  }

  /** The server accepted a message taken from the box, or the visitor dismissed it: it is no longer kept. */
  forget(content: string): void {
    const at = this.#unsent.findIndex(([unsent]) => unsent === content);
    if (at < 0) return;
    this.#unsent.splice(at, 1);
    this.#keep();
  }

  #keep(): void {
    if (!this.#place) return;
    const kept: Kept = {text: this.text, unsent: this.#unsent};
    storeDraft(...this.#place, this.text || this.#unsent.length ? JSON.stringify(kept) : '');
  }

  /**
   * The message to send, trimmed, and an empty box; null (the draft kept) when it is empty or too long.
   * It stays kept until `forget` says the server accepted it; `after` is how many stored messages
   * its conversation has now.
   */
  take(after: number): string | null {
    const content = this.text.trim();
    if (!content) return null;
    if (content.length > MAX_MESSAGE_LENGTH) {
      this.tooLong = true;
      this.host.requestUpdate();
      return null;
    }
    this.#unsent.push([content, after]);
    this.set('');
    return content;
  }
}

export interface ComposerState {
  i18n: Strings;
  draft: Draft;
  /** The text area, for the element to move focus to. */
  inputRef: ElementRef<HTMLTextAreaElement>;
  placeholder: string;
  /** A reply is on its way: Stop replaces Send. */
  sending: boolean;
  disabled: boolean;
  onSend(): void;
  onStop(): void;
}

/** The counter appears once a message is within this share of the limit. */
const COUNTER_FROM = 0.9;
/**
 * `field-sizing: content` grows the input by itself; elsewhere it is sized after each render that
 * changed its text (typed, restored, set by the host, emptied by a send). Asked then, not at module
 * load: on a server (SSR) there is no `CSS`.
 */
let growsByItself: boolean | undefined;
/** The text each input was last sized for: measuring costs a layout, so only a new text is measured. */
const sizedFor = new WeakMap<HTMLTextAreaElement, string>();

/** Sizes the message box to its text where the browser does not; the element calls it after each render. */
export function fitInput(input: HTMLTextAreaElement | undefined): void {
  growsByItself ??= CSS.supports('field-sizing', 'content');
  if (growsByItself || !input || sizedFor.get(input) === input.value) return;
  input.style.height = 'auto';
  // Its text and padding, and (border-box) its border: a 2px shortfall would scroll the text.
  const height = input.scrollHeight + input.offsetHeight - input.clientHeight;
  // Not laid out (a hidden panel) measures 0: measured again once it is.
  if (!height) return;
  sizedFor.set(input, input.value);
  input.style.height = `${height}px`;
}

function onKeydown(event: KeyboardEvent, state: ComposerState): void {
  // Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME composition is the IME's.
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  if (!state.sending) state.onSend();
}

function onSubmit(event: Event, state: ComposerState): void {
  event.preventDefault();
  state.onSend();
}

function onInput(event: InputEvent, state: ComposerState): void {
  state.draft.set((event.target as HTMLTextAreaElement).value);
}

/** The message form: a growing text area, a counter near the limit, Send or Stop. */
export function renderComposer(state: ComposerState): TemplateResult {
  const {i18n} = state;
  // Until the conversation is read, a restored draft may prove to be its last message: the box shows none.
  const draft = state.disabled ? '' : state.draft.text;
  const left = MAX_MESSAGE_LENGTH - draft.trim().length;
  const counter = left <= MAX_MESSAGE_LENGTH * (1 - COUNTER_FROM);
  return html`<form part="composer" class="composer" @submit=${(event: Event) => onSubmit(event, state)}>
    <textarea
      ${elementRef(state.inputRef)}
      part="input"
      dir="auto"
      rows="1"
      aria-label=${i18n.messageLabel}
      aria-describedby="composer-note"
      aria-invalid=${left < 0}
      placeholder=${state.placeholder}
      ?disabled=${state.disabled}
      .value=${draft}
      @input=${(event: InputEvent) => onInput(event, state)}
      @keydown=${(event: KeyboardEvent) => onKeydown(event, state)}
    ></textarea>
    ${state.sending
      ? html`<button part="stop-button" class="stop" type="button" @click=${state.onStop}>${i18n.stop}</button>`
      : html`<button part="send-button" class="send primary" type="submit" ?disabled=${state.disabled || !draft.trim()}>
          ${i18n.send}
        </button>`}
    <div id="composer-note" class="note">${state.draft.tooLong
      ? html`<p part="error" class="error" role="alert">${i18n.tooLong(MAX_MESSAGE_LENGTH)}</p>`
      : nothing}${counter ? html`<p class=${left < 0 ? 'counter over' : 'counter'}>${i18n.charactersLeft(left)}</p>` : nothing}</div>
  </form>`;
}
