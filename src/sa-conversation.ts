import {SaConversation} from './components/conversation/conversation.js';
import {define} from './internal/define.js';

export {SaConversation};

define('sa-conversation', SaConversation);

declare global {
  interface HTMLElementTagNameMap {
    'sa-conversation': SaConversation;
  }
}
