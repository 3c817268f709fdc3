import {html, nothing, svg, type TemplateResult} from 'lit';
import {elementRef, type ElementRef} from '../../internal/element-ref.js';
import {icon} from '../../internal/icons.js';
import type {Conversation} from '../../api/types.js';
import {httpUrl} from '../../internal/safe-url.js';
import type {Strings} from '../../internal/strings.js';

export interface HeaderState {
  i18n: Strings;
  conversation: Conversation | null;
  /** Shown before there is a conversation: the assistant's name. */
  assistantName: string;
  /** The end button, while the conversation is open and no confirmation is asked for; null hides it. */
  closeButton: ElementRef<HTMLButtonElement> | null;
  onClose(): void;
}

/** A door with an arrow leaving it: the end button's face where its words do not fit (a phone). */
const endIcon = icon(svg`<path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9"/>`, 18);

/** Title and status, the human agent handling the conversation, and the end button. */
export function renderHeader({i18n, conversation, assistantName, closeButton, onClose}: HeaderState): TemplateResult {
  const agent = conversation?.isHumanHandled ? conversation.humanAgent : null;
  const avatar = httpUrl(agent?.image);
  const open = conversation?.status === 'open';
  // Not a <header>: a banner landmark is the page's own, and a page may hold two conversations.
  return html`<div part="header" class="header">
    <div class="heading">
      <h2 part="title" class="title" id="title">${conversation ? conversation.title || i18n.untitledConversation : assistantName}</h2>
      ${conversation ? html`<span part="status" class="status">${open ? i18n.statusOpen : i18n.statusClosed}</span>` : nothing}
    </div>
    ${conversation?.isHumanHandled
      ? html`<span part="agent" class="agent">
          ${avatar ? html`<img src=${avatar} alt="" width="28" height="28" />` : nothing}${agent?.name || i18n.humanAgent}
        </span>`
      : nothing}
    ${open && closeButton
      ? html`<button part="close-button" class="close-button" title=${i18n.endConversation} ${elementRef(closeButton)} @click=${onClose}>
          ${endIcon}<span class="label">${i18n.endConversation}</span>
        </button>`
      : nothing}
  </div>`;
}
