import {isServer} from 'lit';
import {SaLauncher} from './components/launcher/launcher.js';
import {installPageApi} from './components/launcher/page-api.js';
import {define} from './internal/define.js';
// The panel is made of these two: registering the launcher registers them.
import './sa-conversation.js';
import './sa-conversation-list.js';

export {SaLauncher};
export type {OpenOptions} from './components/launcher/launcher.js';
export type {InitOptions, SiteAssistCommand} from './components/launcher/page-api.js';

define('sa-launcher', SaLauncher);
if (!isServer) installPageApi();

declare global {
  interface HTMLElementTagNameMap {
    'sa-launcher': SaLauncher;
  }
}
