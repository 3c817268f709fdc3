import {html, svg, type TemplateResult} from 'lit';

/** A stroke icon `size` px square (16 by default), decorative: the button around it carries the name. */
export const icon = (path: TemplateResult, size = 16) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

/** Two overlapping sheets: a reply's copy button and each code block's. */
export const copyIcon = icon(svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1"/>`);
