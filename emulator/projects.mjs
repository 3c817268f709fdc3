/**
 * The project behind each publishable key. Every key gets the same demo configuration; its id is
 * derived from the key, so it is stable across restarts and differs between keys.
 */
import {createHash} from 'node:crypto';

/**
 * @param {string} apiKey
 * @param {{name?: string, chatWidgetConfig?: object}} [overrides] set through `/__control/project`
 */
export function projectFor(apiKey, overrides = {}) {
  const hex = createHash('sha256').update(apiKey).digest('hex');
  return {
    object: 'project',
    id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    name: overrides.name ?? 'Demo Store',
    description: 'A demo project served by the local SiteAssist emulator.',
    chatWidgetConfig: {
      welcomeMessage: 'Hi! 👋 How can I help you today?',
      inputPlaceholder: 'Ask a question…',
      displayName: 'Demo Assistant',
      brandColor: '#4f46e5',
      brandColorDark: '#818cf8',
      userMessageBubbleColor: '#4f46e5',
      userMessageBubbleColorDark: '#6366f1',
      assistantAvatar: null,
      baseFontSize: 15,
      position: 'bottom-right',
      offset: {x: 20, y: 20},
      width: 400,
      maxHeight: 680,
      bubbleRadius: 28,
      openDelay: 0,
      chatButtonIcon: null,
      chatButtonColor: '#4f46e5',
      customCSSStyles: '',
      ...overrides.chatWidgetConfig,
    },
  };
}
