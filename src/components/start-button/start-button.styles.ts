import {css} from 'lit';
import {baseStyles} from '../../internal/base-styles.js';

export const styles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
    }
    .base {
      display: inline-flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(var(--_space) / 2);
    }
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--_space);
      padding: var(--sa-start-button-padding, calc(var(--_space) * 1.25) calc(var(--_space) * 2.5));
      border: var(--sa-start-button-border, 1px solid transparent);
      border-radius: var(--sa-start-button-radius, var(--_radius));
      background: var(--sa-start-button-bg, var(--_accent));
      color: var(--sa-start-button-color, var(--_on-accent));
      font-weight: var(--sa-start-button-font-weight, 600);
      line-height: 1.25;
    }
    .button:hover {
      background: var(--sa-start-button-hover-bg, color-mix(in srgb, var(--sa-start-button-bg, var(--_accent)) 85%, var(--_text)));
    }
    .button[aria-disabled='true'] {
      opacity: 0.7;
      cursor: not-allowed;
    }
    .button[aria-busy='true'] {
      cursor: progress;
    }
    .error {
      font-size: 0.875em;
      color: var(--_danger);
    }
    .note {
      font-size: 0.875em;
      color: var(--_muted);
    }
  `,
];
