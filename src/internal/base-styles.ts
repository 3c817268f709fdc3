import {css} from 'lit';

/** Out of sight, still read by screen readers: `.visually-hidden`, and a label an element hides at some sizes. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/**
 * The global design tokens every element reads. Pages set `--sa-*` on any ancestor; each element
 * resolves them once here into private `--_*` values, each a `light-dark()` pair, and its component
 * tokens fall back to those: `var(--sa-conversation-bubble-bg, var(--_surface-2))`.
 *
 * The scheme is the page's: `color-scheme` inherits into the host, so a page that declares
 * `color-scheme: light dark` gets both and one that declares nothing stays light, whatever the OS.
 * `theme="light"` / `theme="dark"` pin a scheme; `theme="auto"` follows the OS (prefers-color-scheme).
 */
export const baseStyles = css`
  :host {
    /* A page's inherited text styles (a theme's centred section, letter-spacing, uppercase) stop here;
       its scheme and visibility still come through, and page CSS on the element itself still wins. */
    all: initial;
    color-scheme: inherit;
    visibility: inherit;
    --_accent: var(--sa-color-accent, light-dark(var(--_brand, #4f46e5), var(--_brand-dark, #818cf8)));
    /* Black or white on the accent, whichever reads better (OKLCH lightness near WCAG's luminance midpoint). */
    --_on-accent: var(--sa-color-on-accent, light-dark(#fff, #111827));
    --_surface: var(--sa-color-surface, light-dark(#fff, #111827));
    --_surface-2: var(--sa-color-surface-2, light-dark(#f3f4f6, #1f2937));
    --_text: var(--sa-color-text, light-dark(#111827, #f9fafb));
    --_muted: var(--sa-color-muted, light-dark(#4b5563, #d1d5db));
    --_border: var(--sa-color-border, light-dark(#d1d5db, #4b5563));
    --_danger: var(--sa-color-danger, light-dark(#b91c1c, #fca5a5));
    --_focus: var(--sa-color-focus, light-dark(#2563eb, #93c5fd));
    --_font: var(--sa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    /* The unit every size here is in: the root's font size, never under 16px. Many CMS themes set
       html { font-size: 62.5% } (1rem = 10px); rem alone made the elements' text 9px there. */
    --_rem: max(1rem, 16px);
    --_font-size: var(--sa-font-size, calc(0.9375 * var(--_rem)));
    --_mono: var(--sa-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_radius: var(--sa-radius, calc(0.5 * var(--_rem)));
    --_radius-lg: var(--sa-radius-lg, var(--_rem));
    --_space: var(--sa-space, calc(0.5 * var(--_rem)));
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
  }
  /* Engines without light-dark() (Safari before 17.5, Firefox before 120, Chrome before 123) would
     lose every colour above: they get the light scheme. */
  @supports not (color: light-dark(red, red)) {
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
    }
  }
  @supports (color: oklch(from red l c h)) {
    :host {
      --_on-accent: var(--sa-color-on-accent, oklch(from var(--_accent) clamp(0, (0.57 - l) * 1000, 1) 0 0));
    }
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
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
    ${visuallyHidden}
  }
  /* What the elements' titles (the conversation's and the panel's heading, a list row's), avatars and
     header bars (the conversation's and the panel's) have in common; each adds its own. */
  .title {
    margin: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .avatar {
    border-radius: 50%;
    object-fit: cover;
  }
  .header {
    display: flex;
    align-items: center;
    border-bottom: 1px solid var(--_border);
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
