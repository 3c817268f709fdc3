import {html, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import type {Task} from '../../internal/task.js';
import type {Strings} from '../../internal/strings.js';
import {markdownView} from './message-view.js';

/** The conversation's and the project's reads, as rendering sees them. */
export type ReadTask = Task<readonly unknown[], unknown>;

/** A read that failed: what went wrong (`retryIn`: seconds a rate limit still holds it), and Try again. */
export function renderReadError(task: ReadTask, text: string, retryIn: number, i18n: Strings): TemplateResult {
  return html`<div part="error" class="error" role="alert">
    <p>${text}${retryIn ? ` ${i18n.retryIn(retryIn)}` : ''}</p>
    <button @click=${() => task.run()}>${i18n.retry}</button>
  </div>`;
}

/** A read on its way. */
export const renderPending = (i18n: Strings): TemplateResult => html`<p class="notice" role="status">${i18n.loading}</p>`;

/** A read pending, or failed (`error` renders that); undefined otherwise. */
export function renderReading(task: ReadTask, i18n: Strings, error: () => TemplateResult): unknown {
  return task.render({pending: () => renderPending(i18n), error});
}

/** Before the first message: the project's welcome message, or `reading` while the project's read is pending or failed. */
export function renderWelcome(welcome: string, reading: unknown, i18n: Strings): TemplateResult {
  return html`<div part="welcome" class="welcome">${reading ?? guard([welcome, i18n], () => markdownView(welcome, i18n))}</div>`;
}
