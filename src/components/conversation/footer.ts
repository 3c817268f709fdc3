import {html, type TemplateResult} from 'lit';
import {elementRef, type ElementRef} from '../../internal/element-ref.js';
import type {Strings} from '../../internal/strings.js';

/** In place of the composer once the conversation is closed: when and why, and a new conversation. */
export function renderClosedFooter(
  closed: string,
  i18n: Strings,
  newConversationButton: ElementRef<HTMLButtonElement>,
  onNew: () => void
): TemplateResult {
  return html`<div part="footer" class="footer">
    <p>${closed}</p>
    <button class="new-conversation primary" ${elementRef(newConversationButton)} @click=${onNew}>${i18n.newConversation}</button>
  </div>`;
}

/** In place of the composer while the visitor confirms ending the conversation. */
export function renderConfirmClose(i18n: Strings, confirmButton: ElementRef<HTMLButtonElement>, onConfirm: () => void, onCancel: () => void): TemplateResult {
  return html`<div part="footer" class="footer" role="group" aria-labelledby="confirm-text">
    <p id="confirm-text">${i18n.endConfirm}</p>
    <button class="confirm primary" ${elementRef(confirmButton)} @click=${onConfirm}>${i18n.endConversation}</button>
    <button @click=${onCancel}>${i18n.cancel}</button>
  </div>`;
}
