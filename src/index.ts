/**
 * siteassist-elements: importing this module registers `<sa-conversation-list>`,
 * `<sa-conversation>`, `<sa-start-button>` and `<sa-launcher>`. It is also the CDN script's entry: the IIFE
 * exposes these exports as the global `SiteAssistElements`.
 */
// First in the CDN script, which keeps its modules in import order: the stylesheets, then the markdown
// parser's regexes, then the message and composer templates. Text of one kind side by side compresses
// better (measured in the IIFE: 664 B less gzip, 104 B less brotli for the first two; the templates
// 217 B less gzip, 62 B less brotli), for the same code. All are pure: importing them earlier changes
// nothing else. `node bench/size-parts.mjs` keeps this order.
import './components/conversation-list/conversation-list.styles.js';
import './components/conversation/conversation.styles.js';
import './components/launcher/launcher.styles.js';
import './components/start-button/start-button.styles.js';
import './internal/markdown.js';
import './components/conversation/message-view.js';
import './components/conversation/composer.js';
export * from './api/index.js';
export * from './sa-conversation-list.js';
export * from './sa-conversation.js';
export * from './sa-start-button.js';
export * from './sa-launcher.js';
export type * from './internal/events.js';
export {registerLocale, type Strings} from './internal/strings.js';
export {registerHighlighter, type CodeToken, type Highlighter} from './internal/markdown-render.js';
