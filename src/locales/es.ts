/**
 * Spanish, addressing the visitor as "tú". Importing this module (or loading the CDN's
 * `dist/locales/es.js` after the main script) makes every element under `lang="es"` speak Spanish.
 */
import {registerLocale} from '../internal/strings.js';
import {plural} from './plural.js';

const forCount = plural('es');

registerLocale('es', {
  missingConfig: 'El chat no está disponible en este momento.',
  retry: 'Reintentar',
  loading: 'Cargando…',
  retryIn: (seconds) => `Reintentando en ${seconds} s…`,

  conversations: 'Conversaciones',
  conversationCount: (count) => forCount(count, {one: '1 conversación', other: `${count} conversaciones`}),
  untitledConversation: 'Conversación sin título',
  noConversations: 'Aún no hay conversaciones',
  loadMore: 'Cargar más',
  closedBadge: (reason) => (reason ? `Cerrada: ${reason}` : 'Cerrada'),
  humanAgentBadge: (name) => (name ? `Con ${name}` : 'Con un agente'),
  startConversation: 'Iniciar una conversación',

  assistant: 'Asistente',
  you: 'Tú',
  humanAgent: 'Agente',
  statusOpen: 'Abierta',
  statusClosed: 'Cerrada',
  closedAgo: (when, reason) => (reason ? `Cerrada ${when}: ${reason}` : `Cerrada ${when}`),
  closedJustNow: (reason) => (reason ? `Cerrada hace un momento: ${reason}` : 'Cerrada hace un momento'),
  agentJoined: (name) => `${name} se ha unido a la conversación.`,
  welcome: '¡Hola! ¿En qué podemos ayudarte?',
  messageLabel: 'Mensaje',
  placeholder: 'Escribe un mensaje…',
  placeholderTo: (name) => `Escribe a ${name}…`,
  send: 'Enviar',
  stop: 'Detener',
  thinking: 'Pensando…',
  typing: 'El asistente está escribiendo',
  charactersLeft: (count) =>
    count >= 0
      ? forCount(count, {one: 'Queda 1 carácter', other: `Quedan ${count} caracteres`})
      : forCount(-count, {one: '1 carácter por encima del límite', other: `${-count} caracteres por encima del límite`}),
  tooLong: (limit) => `Los mensajes pueden tener hasta ${limit} caracteres. Acórtalo, por favor.`,
  notSent: 'No enviado',
  dismiss: 'Descartar',
  replyIncomplete: 'Esta respuesta quedó incompleta.',
  stopped: 'Detenida',
  like: 'Útil',
  dislike: 'No es útil',
  copy: 'Copiar',
  copied: 'Copiado',
  copyCode: 'Copiar código',
  sources: 'Fuentes',
  source: 'Fuente',
  newMessages: 'Mensajes nuevos',
  endConversation: 'Terminar conversación',
  endConfirm: '¿Terminar esta conversación? Después puedes iniciar una nueva.',
  cancel: 'Cancelar',
  newConversation: 'Iniciar una nueva conversación',

  openChat: (unread) =>
    unread === 0 ? 'Abrir el chat' : forCount(unread, {one: 'Abrir el chat, 1 mensaje sin leer', other: `Abrir el chat, ${unread} mensajes sin leer`}),
  closeChat: 'Cerrar el chat',
  chatOpened: 'Chat abierto',
  chatClosed: 'Chat cerrado',
  unreadMessages: (count) => forCount(count, {one: '1 mensaje sin leer', other: `${count} mensajes sin leer`}),
  earlierConversations: 'Tus conversaciones',
  backToChat: 'Volver a la conversación',

  errors: {
    NOT_CONFIGURED: 'Este chat aún no está configurado.',
    NETWORK_ERROR: 'Parece que no tienes conexión. Compruébala.',
    ABORTED: 'La solicitud se canceló.',
    HTTP_ERROR: 'El servicio de chat respondió de forma inesperada. Inténtalo de nuevo.',
    INVALID_RESPONSE: 'El servicio de chat respondió de forma inesperada. Inténtalo de nuevo.',
    STREAM_INTERRUPTED: 'La respuesta se cortó.',
    STREAM_ERROR: 'El asistente no pudo terminar su respuesta.',
    INVALID_REQUEST_BODY: 'Escribe un mensaje primero.',
    UNAUTHORIZED: 'El chat no pudo identificarte. Vuelve a cargar la página.',
    PAYMENT_REQUIRED: 'Esta función requiere otro plan de SiteAssist.',
    FORBIDDEN: 'Esta conversación no está disponible.',
    CONVERSATION_NOT_FOUND: 'Esta conversación no está disponible.',
    CONFLICT: 'Eso ya estaba hecho.',
    VALIDATION_ERROR: 'Ese mensaje no se puede enviar tal como está.',
    RATE_LIMIT_EXCEEDED: 'Demasiados mensajes a la vez.',
    INTERNAL_SERVER_ERROR: 'Algo salió mal por nuestra parte.',
    BAD_GATEWAY: 'El asistente no está disponible temporalmente.',
    SERVICE_UNAVAILABLE: 'El servicio de chat no está disponible temporalmente.',
  },
});
