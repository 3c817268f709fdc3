import {css} from 'lit';
import {baseStyles} from '../../internal/base-styles.js';

export const styles = [
  baseStyles,
  css`
    :host {
      --_gap: var(--sa-conversation-list-gap, calc(var(--_space) / 2));
      /* Only tokens used more than once get a private name; the others are read where they apply. */
      --_item-padding: var(--sa-conversation-list-item-padding, calc(var(--_space) * 1.25) calc(var(--_space) * 1.5));
      --_list-muted: var(--sa-conversation-list-muted-color, var(--_muted));
      /* A column, so a height or max-height on the host makes the list scroll inside. */
      display: flex;
      flex-direction: column;
    }
    .base,
    ul,
    .skeleton {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .base {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      padding: 2px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .item {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 4);
      width: 100%;
      padding: var(--_item-padding);
      border: 1px solid transparent;
      border-radius: var(--sa-conversation-list-item-radius, var(--_radius));
      background: var(--sa-conversation-list-item-bg, var(--_surface));
      color: var(--sa-conversation-list-title-color, var(--_text));
      text-align: start;
      /* A row far from the view is not laid out or painted (its text still found and read out); on the
         row itself, not its <li>, so the containment does not clip the row's own focus ring. */
      content-visibility: auto;
      contain-intrinsic-block-size: auto 4.5em;
    }
    .item:hover {
      background: var(--sa-conversation-list-item-hover-bg, var(--_surface-2));
    }
    .item[aria-current='true'] {
      background: var(--sa-conversation-list-item-selected-bg, color-mix(in srgb, var(--_accent) 12%, var(--_surface)));
      border-color: var(--sa-conversation-list-item-selected-border, var(--_accent));
    }
    .heading {
      display: flex;
      align-items: baseline;
      gap: var(--_space);
      width: 100%;
    }
    /* A title or preview runs in the direction of its own words, whatever the page's. */
    .title,
    .preview {
      unicode-bidi: plaintext;
    }
    .title {
      flex: 1;
      min-width: 0;
      font-weight: 600;
    }
    .total,
    .time,
    .preview {
      color: var(--_list-muted);
      font-size: 0.875em;
    }
    .time {
      flex: none;
    }
    .preview {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: var(--sa-conversation-list-preview-lines, 2);
      line-clamp: var(--sa-conversation-list-preview-lines, 2);
      overflow: hidden;
      overflow-wrap: anywhere;
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2);
    }
    .badge {
      padding: 0 calc(var(--_space) * 0.75);
      border-radius: 999px;
      background: var(--sa-conversation-list-badge-bg, var(--_surface-2));
      color: var(--sa-conversation-list-badge-color, var(--_muted));
      font-size: 0.8125em;
    }
    .load-more,
    .error button {
      align-self: center;
      padding-inline: calc(var(--_space) * 2);
    }
    .load-more[aria-disabled='true'] {
      cursor: progress;
    }
    .empty,
    .error {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 2);
      text-align: center;
    }
    .empty p,
    .countdown {
      color: var(--_list-muted);
    }
    .error [role='alert'] {
      color: var(--_danger);
    }
    .skeleton-row {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: var(--_item-padding);
    }
    .skeleton-row span {
      height: 0.875em;
      border-radius: var(--_radius);
      background: var(--sa-conversation-list-skeleton-bg, var(--_surface-2));
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
    .skeleton-row span:first-child {
      width: 60%;
    }
    /* High contrast drops backgrounds and draws every row's transparent border: the current row's stands out, badges get one. */
    @media (forced-colors: active) {
      .item[aria-current='true'] {
        border: 2px solid Highlight;
      }
      .badge {
        border: 1px solid CanvasText;
      }
    }
  `,
];
