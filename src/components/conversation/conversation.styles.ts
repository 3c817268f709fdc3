import {css} from 'lit';
import {baseStyles, visuallyHidden} from '../../internal/base-styles.js';

export const styles = [
  baseStyles,
  css`
    :host {
      /* The page's accent wins over the project's bubble colour; the text on it follows whichever is used. */
      --_user-bg: var(
        --sa-conversation-user-bubble-bg,
        var(--sa-color-accent, light-dark(var(--_user-bubble, var(--_accent)), var(--_user-bubble-dark, var(--_accent))))
      );
      --_user-color: var(
        --sa-conversation-user-bubble-color,
        light-dark(var(--_user-bubble-text, var(--_on-accent)), var(--_user-bubble-text-dark, var(--_on-accent)))
      );
      height: calc(32 * var(--_rem));
      background: var(--sa-conversation-bg, var(--_surface));
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    /* Without light-dark(), the light bubble (see base-styles). */
    @supports not (color: light-dark(red, red)) {
      :host {
        --_user-bg: var(--sa-conversation-user-bubble-bg, var(--sa-color-accent, var(--_user-bubble, var(--_accent))));
        --_user-color: var(--sa-conversation-user-bubble-color, var(--_user-bubble-text, var(--_on-accent)));
      }
    }
    @supports (color: oklch(from red l c h)) {
      :host {
        /* Black or white, whichever reads better on the bubble actually shown (see --_on-accent). */
        --_user-color: var(--sa-conversation-user-bubble-color, oklch(from var(--_user-bg) clamp(0, (0.57 - l) * 1000, 1) 0 0));
      }
    }
    .base {
      position: relative;
      display: flex;
      flex-direction: column;
      height: 100%;
      container-type: inline-size;
    }
    button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    .primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_on-accent);
    }
    .header {
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space) * 2);
      background: var(--sa-conversation-header-bg, var(--_surface));
    }
    .heading {
      flex: 1;
      min-width: 0;
    }
    .title {
      font-size: var(--_rem);
    }
    /* The header's own colour, whatever the page gives the header (a teal bar with white text keeps a white status). */
    .status {
      font-size: calc(0.8125 * var(--_rem));
    }
    .meta,
    .sender,
    .notice,
    .counter {
      color: var(--_muted);
      font-size: calc(0.8125 * var(--_rem));
    }
    .close-button {
      display: inline-flex;
      align-items: center;
    }
    .close-button svg {
      display: none;
    }
    /* Narrow (a phone): the end button shrinks to its icon, named by its hidden words, and the title keeps
       the room. The width is 30 --_rem, which a query cannot read. */
    @container (max-width: max(30rem, 480px)) {
      .close-button {
        padding: calc(var(--_space) * 0.5);
      }
      .close-button svg {
        display: block;
      }
      .close-button .label {
        ${visuallyHidden}
      }
    }
    .agent {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
      font-size: calc(0.875 * var(--_rem));
    }
    .agent img {
      border-radius: 50%;
      object-fit: cover;
    }
    .byline {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) * 0.75);
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      width: calc(1.5 * var(--_rem));
      height: calc(1.5 * var(--_rem));
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: calc(0.6875 * var(--_rem));
      font-weight: 600;
    }
    .joined {
      align-self: center;
      color: var(--_muted);
      font-size: calc(0.8125 * var(--_rem));
      text-align: center;
    }
    .messages {
      flex: 1;
      overflow-y: auto;
      overscroll-behavior: contain;
      /* Room for the scrollbar from the start: a reply that grows past the view narrows nothing. */
      scrollbar-gutter: stable;
    }
    .content,
    .log {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 2);
    }
    .content {
      padding: calc(var(--_space) * 2);
    }
    .message {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(var(--_space) * 0.5);
    }
    /*
     * The log lays out only the messages near the view: the deferred ones of a long history, those that
     * came near, and those added later. Always laid out: the newest of the first render (the log is at
     * its bottom before the first paint) and the streaming reply, outside the log. (Laid out in full as
     * it joined the log, a finished reply reset WebKitGTK's scroll position to the top.)
     */
    .log > .message:not([data-opening]) {
      content-visibility: auto;
      contain-intrinsic-size: auto calc(5 * var(--_rem));
    }
    .log > .message {
      /* That clips painting to the message's box: room inside it for the focus ring (offset and width) of the buttons at its edges. */
      padding: 4px;
      margin: -4px;
    }
    .message.user {
      align-items: flex-end;
    }
    /* A line high before its time is there (it can follow the first paint): nothing moves when it comes. */
    .meta {
      min-height: 1lh;
    }
    .bubble,
    .welcome {
      max-width: min(100%, calc(42 * var(--_rem)));
      padding: var(--_space) calc(var(--_space) * 1.5);
      border-radius: var(--sa-conversation-bubble-radius, var(--_radius-lg));
      background: var(--sa-conversation-assistant-bubble-bg, var(--_surface-2));
      overflow-wrap: anywhere;
    }
    .user .bubble {
      background: var(--_user-bg);
      color: var(--_user-color);
      border-end-end-radius: var(--_radius);
    }
    /* A reply has its full width from its first word (not growing as it streams, reflowing every line), and keeps it when complete. */
    .assistant .bubble {
      width: min(100%, calc(42 * var(--_rem)));
      border-end-start-radius: var(--_radius);
    }
    .assistant .bubble:has(> .thinking) {
      width: auto;
    }
    .human_agent .bubble {
      background: var(--sa-conversation-agent-bubble-bg, var(--_surface-2));
      border-inline-start: 3px solid var(--_accent);
    }
    .plain {
      white-space: pre-wrap;
    }
    /* Each paragraph runs in the direction of its own words: English in an Arabic page, and the reverse. */
    .title,
    .plain,
    .markdown :is(p, li, h1, h2, h3, h4, h5, h6, th, td) {
      unicode-bidi: plaintext;
    }
    /* :where keeps these as specific as before the groups of a streaming reply (below) came in. */
    .markdown > :first-child,
    .markdown > :where(.group:first-child) > :first-child {
      margin-top: 0;
    }
    .markdown > :last-child,
    .markdown > :where(.group:last-child) > :last-child {
      margin-bottom: 0;
    }
    /* A reply's text parts (its steps) and its sources are blocks of their own, spaced like paragraphs. */
    .markdown + .markdown {
      margin-top: var(--_space);
    }
    /* :where, so the first and last block's zero margins above win over this one. */
    .markdown :where(p, ul, ol, blockquote, .table-scroll, .code-block) {
      margin-block: var(--_space);
    }
    .markdown :is(h1, h2, h3, h4, h5, h6) {
      margin-block: calc(var(--_space) * 1.5) var(--_space);
      font-size: 1em;
    }
    .markdown :is(ul, ol) {
      padding-inline-start: 1.5em;
    }
    /* A streaming reply's closed groups of blocks lay out and paint only near the view, so a chunk costs
       the same at the end of a long reply as at its start. A group starts and ends at blocks whose margins
       are their own, and takes those margins over: containment keeps them inside, groups collapse theirs. */
    .markdown > .group {
      /* The open group too: its height is remembered, so it keeps it when it closes out of view. */
      contain-intrinsic-block-size: auto calc(20 * var(--_rem));
    }
    .markdown > .closed {
      content-visibility: auto;
      /* Room for a focus ring at its edges. */
      overflow-clip-margin: 4px;
      margin-bottom: var(--_space);
    }
    .markdown > .closed > :last-child {
      margin-bottom: 0;
    }
    .markdown > .group + .group {
      margin-top: var(--_space);
    }
    .markdown > .group + .heading-start {
      margin-top: calc(var(--_space) * 1.5);
    }
    .markdown > .group + .group > :first-child {
      margin-top: 0;
    }
    .markdown blockquote > :first-child {
      margin-top: 0;
    }
    .markdown blockquote > :last-child {
      margin-bottom: 0;
    }
    .markdown blockquote {
      margin-inline: 0;
      padding-inline-start: var(--_space);
      border-inline-start: 3px solid var(--_border);
      color: var(--_muted);
    }
    .markdown a {
      color: inherit;
    }
    .markdown code {
      font-family: var(--_mono);
      font-size: 0.875em;
    }
    /* A wide table scrolls sideways inside the bubble, never the page; its words wrap only at spaces. */
    .markdown .table-scroll {
      max-width: 100%;
      overflow-x: auto;
    }
    .markdown table {
      border-collapse: collapse;
    }
    .markdown :is(th, td) {
      padding: calc(var(--_space) * 0.5);
      border: 1px solid var(--_border);
      overflow-wrap: normal;
    }
    .markdown li > input[type='checkbox'] {
      margin: 0 0.25em 0 0;
      vertical-align: middle;
    }
    /* Code reads left to right in every language: the language label, then the copy button, above the code. */
    .code-block {
      direction: ltr;
      text-align: left;
      border-radius: var(--_radius);
      background: var(--_surface);
      border: 1px solid var(--_border);
    }
    .code-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      padding-inline-start: var(--_space);
      border-bottom: 1px solid var(--_border);
      color: var(--_muted);
      font-size: calc(0.75 * var(--_rem));
    }
    /* A hostile or very long info string stays on one line. */
    .code-language {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .code-block pre {
      margin: 0;
      padding: var(--_space);
      /* Lines keep their shape (a wrapped -H misleads) and scroll sideways inside the bubble. */
      white-space: pre;
      overflow-x: auto;
      overflow-wrap: normal;
    }
    .citation {
      display: inline-block;
      min-width: 1.4em;
      margin-inline: 0.15em;
      padding: 0 0.35em;
      border-radius: 999px;
      background: var(--_surface);
      border: 1px solid var(--_border);
      font-size: 0.75em;
      line-height: 1.5;
      text-align: center;
      text-decoration: none;
      vertical-align: super;
    }
    .sources-label {
      margin-top: var(--_space);
      font-weight: 600;
      font-size: calc(0.8125 * var(--_rem));
    }
    .markdown .sources {
      margin-top: 0;
      font-size: calc(0.8125 * var(--_rem));
    }
    .failed {
      color: var(--_danger);
    }
    .thinking {
      color: var(--_muted);
      animation: pulse 0.6s ease-in-out infinite alternate;
    }
    .link-button {
      display: inline-block;
      margin-block: calc(var(--_space) * 0.5);
      padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_on-accent);
      text-decoration: none;
    }
    .link-button[data-variant='outline'],
    .link-button[data-variant='secondary'] {
      background: transparent;
      color: var(--_text);
      border: 1px solid var(--_border);
    }
    .actions {
      display: flex;
      gap: calc(var(--_space) * 0.5);
    }
    .icon-button {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
      padding: calc(var(--_space) * 0.5);
      border-color: transparent;
      background: transparent;
      color: var(--_muted);
      font-size: calc(0.8125 * var(--_rem));
    }
    .icon-button[aria-pressed='true'] {
      color: var(--_accent);
      border-color: currentColor;
    }
    .error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      color: var(--_danger);
    }
    .base > .error {
      padding: var(--_space) calc(var(--_space) * 2);
    }
    .unsent-actions {
      display: flex;
      justify-content: flex-end;
      gap: var(--_space);
      margin-top: calc(var(--_space) * 0.5);
    }
    .new-messages {
      position: absolute;
      inset-inline: 0;
      bottom: calc(6 * var(--_rem));
      margin-inline: auto;
      width: max-content;
      border-radius: 999px;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    }
    .composer,
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space) * 2) calc(var(--_space) * 2);
      border-top: 1px solid var(--_border);
    }
    .footer {
      align-items: center;
    }
    textarea {
      flex: 1;
      field-sizing: content;
      min-height: calc(2.5 * var(--_rem));
      max-height: calc(10 * var(--_rem));
      resize: none;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--sa-conversation-input-bg, var(--_surface));
      color: inherit;
      font: inherit;
      /* iOS Safari zooms the page into a box whose text is under 16px when it takes focus (the launcher focuses it on open). */
      font-size: max(1em, 16px);
    }
    .footer p,
    .note {
      flex-basis: 100%;
    }
    .note:empty {
      display: none;
    }
    .counter.over {
      color: var(--_danger);
    }
    /* High contrast drops backgrounds and draws every border, transparent ones too: outline the bubbles, mark the pressed rating. */
    @media (forced-colors: active) {
      .bubble,
      .welcome {
        border: 1px solid CanvasText;
      }
      .icon-button[aria-pressed='true'] {
        border-color: Highlight;
      }
    }
  `,
];
