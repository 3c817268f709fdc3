import {css} from 'lit';
import {baseStyles} from '../../internal/base-styles.js';

export const styles = [
  baseStyles,
  css`
    /* Component tokens over the project's values (set on the host through CSSOM) over the defaults. */
    :host {
      --_x: var(--sa-launcher-offset-x, var(--_offset-x, 20px));
      --_y: var(--sa-launcher-offset-y, var(--_offset-y, 20px));
      --_size: var(--sa-launcher-button-size, 56px);
      --_gap: 12px;
      position: fixed;
      z-index: var(--sa-launcher-z-index, 2147483000);
      inset: auto 0 0 auto;
      width: 0;
      height: 0;
    }
    .launcher,
    .panel,
    .note {
      position: fixed;
      bottom: var(--_y);
      right: var(--_x);
    }
    .bottom-left .launcher,
    .bottom-left .panel,
    .bottom-left .note {
      right: auto;
      left: var(--_x);
    }
    .note {
      max-width: calc(20 * var(--_rem));
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_danger);
    }
    .launcher {
      display: grid;
      place-items: center;
      width: var(--_size);
      height: var(--_size);
      padding: 0;
      border: 0;
      border-radius: var(--sa-launcher-button-radius, var(--_button-radius, 50%));
      background: var(--sa-launcher-button-bg, var(--_button-bg, var(--_accent)));
      color: var(--sa-launcher-button-color, var(--_button-color, var(--_on-accent)));
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    }
    .launcher img {
      width: 60%;
      height: 60%;
      object-fit: contain;
    }
    .badge {
      position: absolute;
      top: -4px;
      right: -4px;
      min-width: calc(1.375 * var(--_rem));
      height: calc(1.375 * var(--_rem));
      padding: 0 calc(0.375 * var(--_rem));
      border-radius: 999px;
      background: var(--_danger);
      color: var(--_surface);
      font-size: calc(0.75 * var(--_rem));
      font-weight: 700;
      line-height: calc(1.375 * var(--_rem));
      text-align: center;
    }
    .panel {
      bottom: calc(var(--_y) + var(--_size) + var(--_gap));
      display: flex;
      flex-direction: column;
      width: min(var(--sa-launcher-width, var(--_width, 400px)), calc(100vw - 2 * var(--_x)));
      height: min(var(--sa-launcher-max-height, var(--_max-height, 680px)), calc(100dvh - var(--_y) - var(--_size) - 2 * var(--_gap)));
      overflow: hidden;
      border: 1px solid var(--_border);
      border-radius: var(--_radius-lg);
      background: var(--_surface);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
      outline: none;
    }
    .panel[hidden] {
      display: none;
    }
    .header {
      gap: calc(var(--_space) / 2);
      padding: var(--_space);
    }
    .header button {
      display: grid;
      place-items: center;
      width: calc(2.5 * var(--_rem));
      height: calc(2.5 * var(--_rem));
      padding: 0;
      border-color: transparent;
      background: transparent;
    }
    .header button:hover {
      background: var(--_surface-2);
    }
    .title {
      flex: 1;
      min-width: 0;
      font-size: var(--_rem);
    }
    .conversation,
    .list {
      flex: 1;
      min-height: 0;
    }
    .conversation {
      height: auto;
      border: 0;
      border-radius: 0;
    }
    .list {
      overflow: auto;
      padding: var(--_space);
    }
    /* A phone: the open panel is the whole visual viewport (above an on-screen keyboard); the button hides under it. */
    @media (max-width: 480px) {
      .panel,
      .bottom-left .panel {
        inset: var(--_viewport-top, 0) 0 auto 0;
        width: 100%;
        height: var(--_viewport-height, 100dvh);
        border: 0;
        border-radius: 0;
      }
      :host([open]) .launcher {
        display: none;
      }
    }
  `,
];
