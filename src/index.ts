/**
 * siteassist-elements: importing this module registers `<sa-conversation-list>`,
 * `<sa-conversation>` and `<sa-start-button>`. It is also the CDN script's entry: the IIFE
 * exposes these exports as the global `SiteAssistElements`.
 */
// The conversation's class first: bundlers lay modules out in first-import order, and with the
// largest element and what it pulls in (Lit's directives, markdown, the client) ahead of the list,
// gzip finds more of the later code nearby (measured 263 bytes smaller). Nothing registers here.
import './components/conversation/conversation.js';
export * from './api/index.js';
export * from './sa-conversation-list.js';
export * from './sa-conversation.js';
export * from './sa-start-button.js';
export type * from './internal/events.js';
export {registerLocale, type Strings} from './internal/strings.js';
export {registerHighlighter, type CodeToken, type Highlighter} from './internal/markdown-render.js';
