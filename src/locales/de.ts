/**
 * German. Importing this module (or loading the CDN's `dist/locales/de.js` after the main script)
 * makes every element under `lang="de"` (or `de-AT`, `de-CH`…) speak German.
 */
import {registerLocale} from '../internal/strings.js';
import {plural} from './plural.js';

const forCount = plural('de');

registerLocale('de', {
  missingConfig: 'Der Chat ist gerade nicht verfügbar.',
  retry: 'Erneut versuchen',
  loading: 'Wird geladen…',
  retryIn: (seconds) => `Neuer Versuch in ${seconds} s…`,

  conversations: 'Unterhaltungen',
  conversationCount: (count) => forCount(count, {one: '1 Unterhaltung', other: `${count} Unterhaltungen`}),
  untitledConversation: 'Unterhaltung ohne Titel',
  noConversations: 'Noch keine Unterhaltungen',
  loadMore: 'Mehr laden',
  closedBadge: (reason) => (reason ? `Beendet: ${reason}` : 'Beendet'),
  humanAgentBadge: (name) => (name ? `Mit ${name}` : 'Mit dem Support-Team'),
  startConversation: 'Unterhaltung beginnen',

  assistant: 'Assistent',
  you: 'Sie',
  humanAgent: 'Support-Team',
  statusOpen: 'Offen',
  statusClosed: 'Beendet',
  closedAgo: (when, reason) => (reason ? `Beendet ${when}: ${reason}` : `Beendet ${when}`),
  closedJustNow: (reason) => (reason ? `Gerade beendet: ${reason}` : 'Gerade beendet'),
  agentJoined: (name) => `${name} ist der Unterhaltung beigetreten.`,
  welcome: 'Hallo! Wie können wir helfen?',
  messageLabel: 'Nachricht',
  placeholder: 'Nachricht schreiben…',
  placeholderTo: (name) => `Nachricht an ${name}…`,
  send: 'Senden',
  stop: 'Stopp',
  thinking: 'Denkt nach…',
  typing: 'Der Assistent schreibt',
  charactersLeft: (count) =>
    count >= 0
      ? forCount(count, {one: 'Noch 1 Zeichen', other: `Noch ${count} Zeichen`})
      : forCount(-count, {one: '1 Zeichen zu viel', other: `${-count} Zeichen zu viel`}),
  tooLong: (limit) => `Nachrichten dürfen höchstens ${limit} Zeichen lang sein. Bitte kürzen Sie sie.`,
  notSent: 'Nicht gesendet',
  dismiss: 'Verwerfen',
  replyIncomplete: 'Diese Antwort ist unvollständig.',
  stopped: 'Angehalten',
  like: 'Hilfreich',
  dislike: 'Nicht hilfreich',
  copy: 'Kopieren',
  copied: 'Kopiert',
  copyCode: 'Code kopieren',
  sources: 'Quellen',
  source: 'Quelle',
  newMessages: 'Neue Nachrichten',
  endConversation: 'Unterhaltung beenden',
  endConfirm: 'Diese Unterhaltung beenden? Danach können Sie eine neue beginnen.',
  cancel: 'Abbrechen',
  newConversation: 'Neue Unterhaltung beginnen',

  openChat: (unread) =>
    unread === 0 ? 'Chat öffnen' : forCount(unread, {one: 'Chat öffnen, 1 ungelesene Nachricht', other: `Chat öffnen, ${unread} ungelesene Nachrichten`}),
  closeChat: 'Chat schließen',
  chatOpened: 'Chat geöffnet',
  chatClosed: 'Chat geschlossen',
  unreadMessages: (count) => forCount(count, {one: '1 ungelesene Nachricht', other: `${count} ungelesene Nachrichten`}),
  earlierConversations: 'Ihre Unterhaltungen',
  backToChat: 'Zurück zur Unterhaltung',

  errors: {
    NOT_CONFIGURED: 'Dieser Chat ist noch nicht eingerichtet.',
    NETWORK_ERROR: 'Sie scheinen offline zu sein. Prüfen Sie Ihre Verbindung.',
    ABORTED: 'Die Anfrage wurde abgebrochen.',
    HTTP_ERROR: 'Der Chat-Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
    INVALID_RESPONSE: 'Der Chat-Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
    STREAM_INTERRUPTED: 'Die Antwort wurde abgeschnitten.',
    STREAM_ERROR: 'Der Assistent konnte seine Antwort nicht beenden.',
    INVALID_REQUEST_BODY: 'Bitte schreiben Sie zuerst eine Nachricht.',
    UNAUTHORIZED: 'Der Chat konnte Sie nicht anmelden. Bitte laden Sie die Seite neu.',
    PAYMENT_REQUIRED: 'Diese Funktion erfordert einen anderen SiteAssist-Tarif.',
    FORBIDDEN: 'Diese Unterhaltung ist nicht verfügbar.',
    CONVERSATION_NOT_FOUND: 'Diese Unterhaltung ist nicht verfügbar.',
    CONFLICT: 'Das ist bereits geschehen.',
    VALIDATION_ERROR: 'Diese Nachricht kann so nicht gesendet werden.',
    RATE_LIMIT_EXCEEDED: 'Zu viele Nachrichten auf einmal.',
    INTERNAL_SERVER_ERROR: 'Bei uns ist etwas schiefgelaufen.',
    BAD_GATEWAY: 'Der Assistent ist vorübergehend nicht erreichbar.',
    SERVICE_UNAVAILABLE: 'Der Chat-Dienst ist vorübergehend nicht erreichbar.',
  },
});
