import {SaConversationList} from './components/conversation-list/conversation-list.js';
import {define} from './internal/define.js';

export {SaConversationList};

define('sa-conversation-list', SaConversationList);

declare global {
  interface HTMLElementTagNameMap {
    'sa-conversation-list': SaConversationList;
  }
}
