/**
 * Arabic (right to left: give the page or an ancestor `dir="rtl"` as well). Importing this module
 * (or loading the CDN's `dist/locales/ar.js` after the main script) makes every element under
 * `lang="ar"` speak Arabic, with its six plural forms.
 */
import {registerLocale} from '../internal/strings.js';
import {plural} from './plural.js';

const forCount = plural('ar');
const unreadAr = (count: number) =>
  forCount(count, {
    zero: 'لا رسائل غير مقروءة',
    one: 'رسالة واحدة غير مقروءة',
    two: 'رسالتان غير مقروءتين',
    few: `${count} رسائل غير مقروءة`,
    many: `${count} رسالة غير مقروءة`,
    other: `${count} رسالة غير مقروءة`,
  });

registerLocale('ar', {
  missingConfig: 'الدردشة غير متاحة حاليًا.',
  retry: 'إعادة المحاولة',
  loading: 'جارٍ التحميل…',
  retryIn: (seconds) => `إعادة المحاولة خلال ${seconds} ث…`,

  conversations: 'المحادثات',
  conversationCount: (count) =>
    forCount(count, {
      zero: 'لا توجد محادثات',
      one: 'محادثة واحدة',
      two: 'محادثتان',
      few: `${count} محادثات`,
      many: `${count} محادثة`,
      other: `${count} محادثة`,
    }),
  untitledConversation: 'محادثة بلا عنوان',
  noConversations: 'لا توجد محادثات بعد',
  loadMore: 'تحميل المزيد',
  closedBadge: (reason) => (reason ? `مغلقة: ${reason}` : 'مغلقة'),
  humanAgentBadge: (name) => (name ? `مع ${name}` : 'مع موظف الدعم'),
  startConversation: 'ابدأ محادثة',

  assistant: 'المساعد',
  you: 'أنت',
  humanAgent: 'موظف الدعم',
  statusOpen: 'مفتوحة',
  statusClosed: 'مغلقة',
  closedAgo: (when, reason) => (reason ? `أُغلقت ${when}: ${reason}` : `أُغلقت ${when}`),
  closedJustNow: (reason) => (reason ? `أُغلقت للتو: ${reason}` : 'أُغلقت للتو'),
  agentJoined: (name) => `انضم ${name} إلى المحادثة.`,
  welcome: 'مرحبًا! كيف يمكننا مساعدتك؟',
  messageLabel: 'الرسالة',
  placeholder: 'اكتب رسالة…',
  placeholderTo: (name) => `اكتب إلى ${name}…`,
  send: 'إرسال',
  stop: 'إيقاف',
  thinking: 'يفكّر…',
  typing: 'المساعد يكتب',
  charactersLeft: (count) =>
    count >= 0
      ? forCount(count, {
          zero: 'لم يتبقَّ أي حرف',
          one: 'تبقّى حرف واحد',
          two: 'تبقّى حرفان',
          few: `تبقّت ${count} أحرف`,
          many: `تبقّى ${count} حرفًا`,
          other: `تبقّى ${count} حرف`,
        })
      : forCount(-count, {
          one: 'حرف واحد فوق الحد',
          two: 'حرفان فوق الحد',
          few: `${-count} أحرف فوق الحد`,
          many: `${-count} حرفًا فوق الحد`,
          other: `${-count} حرف فوق الحد`,
        }),
  tooLong: (limit) => `يمكن أن تصل الرسالة إلى ${limit} حرف. يُرجى اختصارها.`,
  notSent: 'لم تُرسَل',
  dismiss: 'تجاهل',
  replyIncomplete: 'لم يكتمل هذا الرد.',
  stopped: 'أُوقف',
  like: 'مفيد',
  dislike: 'غير مفيد',
  copy: 'نسخ',
  copied: 'تم النسخ',
  copyCode: 'نسخ الشيفرة',
  sources: 'المصادر',
  source: 'المصدر',
  newMessages: 'رسائل جديدة',
  endConversation: 'إنهاء المحادثة',
  endConfirm: 'هل تريد إنهاء هذه المحادثة؟ يمكنك بدء محادثة جديدة بعد ذلك.',
  cancel: 'إلغاء',
  newConversation: 'ابدأ محادثة جديدة',

  openChat: (unread) => (unread === 0 ? 'افتح الدردشة' : `افتح الدردشة، ${unreadAr(unread)}`),
  closeChat: 'أغلق الدردشة',
  chatOpened: 'فُتحت الدردشة',
  chatClosed: 'أُغلقت الدردشة',
  unreadMessages: (count) => unreadAr(count),
  earlierConversations: 'محادثاتك',
  backToChat: 'العودة إلى المحادثة',

  errors: {
    NOT_CONFIGURED: 'لم يتم إعداد هذه الدردشة بعد.',
    NETWORK_ERROR: 'يبدو أنك غير متصل بالإنترنت. تحقّق من اتصالك.',
    ABORTED: 'تم إلغاء الطلب.',
    HTTP_ERROR: 'ردّت خدمة الدردشة بشكل غير متوقع. يُرجى المحاولة مرة أخرى.',
    INVALID_RESPONSE: 'ردّت خدمة الدردشة بشكل غير متوقع. يُرجى المحاولة مرة أخرى.',
    STREAM_INTERRUPTED: 'انقطع الرد.',
    STREAM_ERROR: 'تعذّر على المساعد إكمال رده.',
    INVALID_REQUEST_BODY: 'يُرجى كتابة رسالة أولًا.',
    UNAUTHORIZED: 'تعذّر على الدردشة تسجيل دخولك. يُرجى إعادة تحميل الصفحة.',
    PAYMENT_REQUIRED: 'تتطلب هذه الميزة خطة SiteAssist مختلفة.',
    FORBIDDEN: 'هذه المحادثة غير متاحة.',
    CONVERSATION_NOT_FOUND: 'هذه المحادثة غير متاحة.',
    CONFLICT: 'تم ذلك بالفعل.',
    VALIDATION_ERROR: 'تعذّر إرسال هذه الرسالة كما هي.',
    RATE_LIMIT_EXCEEDED: 'رسائل كثيرة جدًا في وقت واحد.',
    INTERNAL_SERVER_ERROR: 'حدث خطأ ما من جهتنا.',
    BAD_GATEWAY: 'المساعد غير متاح مؤقتًا.',
    SERVICE_UNAVAILABLE: 'خدمة الدردشة غير متاحة مؤقتًا.',
  },
});
