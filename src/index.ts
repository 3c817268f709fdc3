/**
 * siteassist-elements: importing this module registers `<sa-conversation-list>`,
 * `<sa-conversation>`, `<sa-start-button>` and `<sa-launcher>`. It is also the CDN script's entry: the IIFE
 * exposes these exports as the global `SiteAssistElements`.
 */
export * from './api/index.js';
export * from './sa-conversation-list.js';
export * from './sa-conversation.js';
export * from './sa-start-button.js';
export * from './sa-launcher.js';
export type * from './internal/events.js';
export {registerLocale, type Strings} from './internal/strings.js';
export {registerHighlighter, type CodeToken, type Highlighter} from './internal/markdown-render.js';
