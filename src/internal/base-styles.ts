import {css} from 'lit';

/** The dark scheme's defaults: the system's choice unless `theme="light"`, and `theme="dark"`. */
const dark = css`
  --_accent: var(--sa-color-accent, var(--_brand-dark, #818cf8));
  --_on-accent: var(--sa-color-on-accent, #111827);
  --_surface: var(--sa-color-surface, #111827);
  --_surface-2: var(--sa-color-surface-2, #1f2937);
  --_text: var(--sa-color-text, #f9fafb);
  --_muted: var(--sa-color-muted, #d1d5db);
  --_border: var(--sa-color-border, #4b5563);
  --_danger: var(--sa-color-danger, #fca5a5);
  --_focus: var(--sa-color-focus, #93c5fd);
  color-scheme: dark;
`;

/**
 * The global design tokens every element reads. Pages set `--sa-*` on any ancestor; each element
 * resolves them once here into private `--_*` values (with light and dark defaults), and its
 * component tokens fall back to those: `var(--sa-conversation-bubble-bg, var(--_surface-2))`.
 *
 * `theme="dark"` / `theme="light"` pin a scheme; `auto` (the default) follows prefers-color-scheme.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--sa-color-accent, var(--_brand, #4f46e5));
    --_on-accent: var(--sa-color-on-accent, #fff);
    --_surface: var(--sa-color-surface, #fff);
    --_surface-2: var(--sa-color-surface-2, #f3f4f6);
    --_text: var(--sa-color-text, #111827);
    --_muted: var(--sa-color-muted, #4b5563);
    --_border: var(--sa-color-border, #d1d5db);
    --_danger: var(--sa-color-danger, #b91c1c);
    --_focus: var(--sa-color-focus, #2563eb);
    --_font: var(--sa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--sa-font-size, 0.9375rem);
    --_mono: var(--sa-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_radius: var(--sa-radius, 0.5rem);
    --_radius-lg: var(--sa-radius-lg, 1rem);
    --_space: var(--sa-space, 0.5rem);
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  p {
    margin: 0;
  }
  /* The plain button look; each element's own buttons override what they change. */
  button {
    font: inherit;
    cursor: pointer;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* The loading pulse (the skeleton's, the conversation's "Thinking…"), run \`alternate\`: fades out, then back in. */
  @keyframes pulse {
    to {
      opacity: 0.4;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
