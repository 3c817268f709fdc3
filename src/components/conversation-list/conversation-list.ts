import {html, nothing, type PropertyDeclarations, type PropertyValues} from 'lit';
import {Task, TaskStatus, initialState} from '../../internal/task.js';
import type {RetryWaitEvent, SiteAssistClient} from '../../api/client.js';
import type {ConversationListQuery, ConversationSummary} from '../../api/types.js';
import {hasVisitorId} from '../../api/visitor-storage.js';
import {lastInteractionAt, previewText} from '../../internal/conversation-fields.js';
import {emit, type ConversationDetail} from '../../internal/events.js';
import {forTarget} from '../../internal/for-target.js';
import {RelativeTimeController, idleFormatter, intlStarted, relativeTime} from '../../internal/relative-time.js';
import {RetryCountdown} from '../../internal/retry-countdown.js';
import {SiteAssistElement} from '../../internal/siteassist-element.js';
import {localeOf} from '../../internal/strings.js';
import {styles} from './conversation-list.styles.js';

type Status = NonNullable<ConversationListQuery['status']>;
type OrderBy = NonNullable<ConversationListQuery['orderBy']>;
type OrderDir = NonNullable<ConversationListQuery['orderDir']>;
type Query = {limit: number; status?: Status; orderBy: OrderBy; orderDir: OrderDir};
interface Page {
  rows: ConversationSummary[];
  total: number;
}

const STATUSES: readonly Status[] = ['open', 'closed'];
const ORDER_BY: readonly OrderBy[] = ['id', 'createdAt', 'updatedAt', 'lastInteractionAt', 'status', 'closedAt', 'isHumanHandled', 'title'];
const ORDER_DIRS: readonly OrderDir[] = ['asc', 'desc'];
/** The API's bounds and defaults for GET /conversations. */
const MAX_LIMIT = 100;
const DEFAULT_QUERY: Query = {limit: 10, orderBy: 'lastInteractionAt', orderDir: 'desc'};
/**
 * A first page not answered this long after its request left is on a network (or a busy server),
 * not on loopback: ICU's start-up (~18 ms) then fits in the wait, and the rows come with their times.
 * Sooner, ICU would hold back the rows (the rows, then their times, is faster).
 */
const LONG_READ_MS = 50;
/**
 * Rows a list shown anew renders in its first frame, more than a tall view holds; the rest follow in
 * the task after that frame is painted (Lit's 100 rows are ~20 ms of main thread before a paint).
 */
const FIRST_ROWS = 20;

function warnInvalid(attribute: string, value: unknown, expected: string): void {
  console.warn(`<sa-conversation-list>: ${attribute}="${value}" is not valid (expected ${expected}); using the default.`);
}

/** `value` when it is one of `allowed`, else `fallback`; a value that is set but not allowed is warned about. */
function oneOf<T>(attribute: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (allowed.includes(value as T)) return value as T;
  if (value != null) warnInvalid(attribute, value, allowed.join(', '));
  return fallback;
}

/** The first `count` conversations, read in pages of at most 100, each listed once. */
async function readHead(client: SiteAssistClient, query: Query, count: number, signal: AbortSignal): Promise<Page> {
  const rows = new Map<string, ConversationSummary>();
  let offset = 0;
  let total = 0;
  do {
    const page = await client.listConversations({...query, offset, limit: Math.min(MAX_LIMIT, count - offset)}, signal);
    for (const row of page.data) if (!rows.has(row.id)) rows.set(row.id, row);
    total = page.total;
    offset += page.data.length;
    if (!page.data.length) break;
  } while (offset < Math.min(count, total));
  return {rows: [...rows.values()], total};
}

/**
 * The visitor's conversations, newest first by default, paged as they scroll, kept current as
 * conversations are started, answered, titled or closed anywhere on the page.
 *
 * Wiring without script: `for` names a `<sa-conversation>` by id (like `<label for>`). Choosing a
 * row sets that element's `conversationId` (unless a listener cancels `sa-conversation-select`).
 * The list follows that element: the conversation it shows is the marked row (one its first message
 * started too), with the title and last message it last read; while it shows its welcome screen no
 * row is marked:
 *
 * ```html
 * <sa-conversation-list api-key="pk_…" for="chat">
 *   <sa-start-button slot="empty" api-key="pk_…" for="chat"></sa-start-button>
 * </sa-conversation-list>
 * <sa-conversation api-key="pk_…" id="chat"></sa-conversation>
 * ```
 *
 * @tag sa-conversation-list
 * @summary A live, paged list of the visitor's SiteAssist conversations.
 *
 * @fires sa-conversation-select - A row was chosen (click, Enter or Space). Detail `{conversationId, conversation}`. Cancelable: cancel to keep the selection and the `for` target as they are.
 * @fires sa-error - Loading failed. Detail `{code, status, message, retryAfter}`.
 *
 * @slot empty - Shown under "No conversations yet", e.g. a `<sa-start-button>`.
 *
 * @csspart base - The wrapper; scrolls when the element has a height.
 * @csspart total - The number of conversations.
 * @csspart item - A row (a button).
 * @csspart title - A row's title.
 * @csspart preview - A row's last message as plain text.
 * @csspart time - A row's relative time of its last interaction.
 * @csspart badge - A row's badge; also `closed-badge` or `agent-badge`.
 * @csspart load-more - The button that loads the next page.
 * @csspart empty - The empty state.
 * @csspart error - The error state, or the missing-configuration note.
 *
 * @cssprop --sa-conversation-list-gap - Space between rows.
 * @cssprop --sa-conversation-list-item-bg - Row background.
 * @cssprop --sa-conversation-list-item-hover-bg - Row background on hover.
 * @cssprop --sa-conversation-list-item-selected-bg - Background of the selected row.
 * @cssprop --sa-conversation-list-item-selected-border - Edge colour marking the selected row.
 * @cssprop --sa-conversation-list-item-padding - Row padding.
 * @cssprop --sa-conversation-list-item-radius - Row corner radius.
 * @cssprop --sa-conversation-list-title-color - Title colour.
 * @cssprop --sa-conversation-list-muted-color - Preview, time and total colour.
 * @cssprop --sa-conversation-list-preview-lines - Lines of preview before it is cut.
 * @cssprop --sa-conversation-list-badge-bg - Badge background.
 * @cssprop --sa-conversation-list-badge-color - Badge text colour.
 * @cssprop --sa-conversation-list-skeleton-bg - Colour of the loading placeholders.
 */
export class SaConversationList extends SiteAssistElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    limit: {type: Number},
    status: {},
    orderBy: {attribute: 'order-by'},
    orderDir: {attribute: 'order-dir'},
    selected: {reflect: true},
    htmlFor: {attribute: 'for'},
  };

  /** Page size: how many conversations each page loads (1–100, default 10). */
  limit = DEFAULT_QUERY.limit;

  /** Only `open` or only `closed` conversations; all when absent. */
  declare status?: Status;

  /** Sort field: `lastInteractionAt` (default), `createdAt`, `updatedAt`, `closedAt`, `status`, `isHumanHandled`, `title` or `id`. */
  declare orderBy?: OrderBy;

  /** Sort direction: `desc` (default) or `asc`. */
  declare orderDir?: OrderDir;

  /** Id of the selected conversation; its row is marked with `aria-current`. */
  declare selected?: string;

  /** Id of the `<sa-conversation>` that shows the chosen conversation, looked up like `<label for>`. */
  declare htmlFor?: string;

  #query: Query = DEFAULT_QUERY;
  #rows: ConversationSummary[] = [];
  /** How many of the rows are rendered: FIRST_ROWS while a list shown anew paints its first frame. */
  #rendered = Infinity;
  /** The `for` target's conversation as it last showed it. */
  #shown: ConversationSummary | null = null;
  #total = 0;
  /** A page was read for the current query: no rows then means there are none. */
  #loaded = false;
  /** The next read appends a page; stays set until one succeeds, so Retry retries it. */
  #loadingMore = false;
  /** The row that takes Tab focus (roving tabindex): the last one focused. */
  #focusId?: string;
  #watchedRows?: ConversationSummary[];
  /** Made on the first observe, not in the constructor: a server (SSR) has no IntersectionObserver. */
  #observer?: IntersectionObserver;
  /** Rows render without their times until ICU has started (~18 ms): it is started in idle time, then they re-render. */
  #prepareTimes = idleFormatter(() => relativeTime(0, localeOf(this)), () => this.requestUpdate());
  /**
   * The first page still on its way LONG_READ_MS after its request, nothing shown: ICU starts in the
   * wait, in idle time. Rows rendered meanwhile paint first, and their times follow (#prepareTimes).
   */
  #timesWhileWaiting = idleFormatter(() => this.#task.status === TaskStatus.PENDING && !this.#rows.length && relativeTime(0, localeOf(this)));

  /** What the rows depend on. The client is the one shared instance for its configuration, so its identity is stable. */
  #source = () => [this.client, this.#query.limit, this.#query.status, this.#query.orderBy, this.#query.orderDir] as const;
  #shownFor: readonly unknown[] = [];

  #task = new Task(this, {
    // After the render, not before: a first render then matches the server's (no task runs there), as hydration needs.
    autoRun: 'afterUpdate',
    args: this.#source,
    task: ([client, limit, status, orderBy, orderDir], {signal}) => {
      if (!client) return initialState;
      // A visitor new to this device has no conversations to date: no ICU start-up for an empty list.
      // Asked before the read, whose session init gives this device its visitor id.
      const {apiKey, token} = client.config;
      const known = Boolean(token || (apiKey && hasVisitorId(apiKey)));
      const read = this.#read(client, {limit, status, orderBy, orderDir}, signal);
      // ICU start-up (~18 ms) in a long wait for the rows, timed from their request: on a first visit
      // that waits for the session's init, which on a fast network ICU would otherwise hold back.
      if (known) client.session(signal).then(() => setTimeout(this.#timesWhileWaiting, LONG_READ_MS), () => {});
      return read;
    },
    onComplete: (page) => {
      if (!this.#rows.length && page.rows.length > FIRST_ROWS) {
        // Shown anew: FIRST_ROWS rows, then every row in the task after the frame that paints them.
        this.#rendered = FIRST_ROWS;
        requestAnimationFrame(() => setTimeout(() => ((this.#rendered = Infinity), this.requestUpdate())));
      }
      this.#rows = this.#current(page.rows);
      this.#total = page.total;
      this.#loaded = true;
      this.#loadingMore = false;
      this.#countdown.stop();
      this.#waiting.stop();
    },
    onError: (error) => {
      this.#waiting.stop();
      this.reportError(error);
      this.#countdown.startFor(error);
    },
  });

  #countdown = new RetryCountdown(this, () => this.#task.run());
  /** The client waiting out a failure of the first read (a 503's Retry-After): counted down instead of a silent placeholder. */
  #waiting = new RetryCountdown(this, () => {});
  #waitingFor: unknown = null;

  constructor() {
    super();
    new RelativeTimeController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the document, not the target: the target may come later in the page, and `for` may change.
    document.addEventListener('sa-conversation-load', this.#onConversationLoad);
    document.addEventListener('sa-conversation-update', this.#onConversationLoad);
    document.addEventListener('sa-conversation-welcome', this.#onWelcome);
    // A list added after its target loaded a conversation has missed that load: mark it from the target.
    this.selected ??= forTarget<HTMLElement & {conversationId?: string}>(this, this.htmlFor)?.conversationId;
    if (this.hasUpdated) this.#watchLoadMore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('sa-conversation-load', this.#onConversationLoad);
    document.removeEventListener('sa-conversation-update', this.#onConversationLoad);
    document.removeEventListener('sa-conversation-welcome', this.#onWelcome);
    this.#observer?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#query = this.#validQuery(changed);
    // Another query or another visitor: the rows shown belong to neither.
    const source = this.#source();
    if (source.some((value, index) => value !== this.#shownFor[index])) {
      this.#shownFor = source;
      this.#rows = [];
      this.#total = 0;
      this.#loaded = false;
      this.#loadingMore = false;
    }
  }

  protected override updated(): void {
    // Rows came before ICU was ready (a fast read, a first conversation): their frame paints first (an
    // idle callback can otherwise come before it), then their times follow in idle time.
    if (this.#rows.length && !intlStarted()) requestAnimationFrame(this.#prepareTimes);
    // The load-more button is rendered with the last row: watched once every row is in.
    if (this.#watchedRows === this.#rows || this.#rendered < this.#rows.length) return;
    this.#watchedRows = this.#rows;
    this.#watchLoadMore();
  }

  protected override retryWaiting(event: RetryWaitEvent): void {
    if (event.path !== '/conversations' || this.#task.status !== TaskStatus.PENDING) return;
    this.#waitingFor = event.error;
    this.#waiting.startFor(event.error);
  }

  /** Another element sharing the client wrote: re-read what is shown. */
  protected override conversationChanged(): void {
    this.#task.run();
  }

  /** The query with each changed attribute checked; an unchanged one keeps its checked value (and is not warned about again). */
  #validQuery(changed: PropertyValues): Query {
    const query = this.#query;
    const check = <K extends keyof Query>(name: K, valid: () => Query[K]) => (changed.has(name) ? valid() : query[name]);
    return {
      limit: check('limit', () => {
        const ok = Number.isInteger(this.limit) && this.limit >= 1 && this.limit <= MAX_LIMIT;
        if (!ok && this.limit != null) warnInvalid('limit', this.limit, `a whole number from 1 to ${MAX_LIMIT}`);
        return ok ? this.limit : DEFAULT_QUERY.limit;
      }),
      status: check('status', () => oneOf('status', this.status, STATUSES, undefined)),
      orderBy: check('orderBy', () => oneOf('order-by', this.orderBy, ORDER_BY, DEFAULT_QUERY.orderBy)),
      orderDir: check('orderDir', () => oneOf('order-dir', this.orderDir, ORDER_DIRS, DEFAULT_QUERY.orderDir)),
    };
  }

  /**
   * The rows to show next: the rows shown re-read (at least one page), plus the next page when
   * loading more. The next page is appended as is only when it lines up with the rows shown; when
   * conversations arrived, left or moved meanwhile, the offset shifted, so everything is re-read.
   */
  async #read(client: SiteAssistClient, query: Query, signal: AbortSignal): Promise<Page> {
    const shown = this.#rows;
    if (this.#loadingMore && shown.length) {
      const next = await client.listConversations({...query, offset: shown.length}, signal);
      const known = new Set(shown.map((row) => row.id));
      if (next.total === this.#total && !next.data.some((row) => known.has(row.id))) {
        return {rows: [...shown, ...next.data], total: next.total};
      }
    }
    const extent = shown.length + (this.#loadingMore ? query.limit : 0);
    return readHead(client, query, Math.max(query.limit, extent), signal);
  }

  #loadMore = (): void => {
    if (this.#task.status === TaskStatus.PENDING || this.#rows.length >= this.#total) return;
    this.#loadingMore = true;
    this.#task.run();
  };

  #retry = (): void => {
    this.#countdown.stop();
    this.#task.run();
  };

  /** Observes the load-more button anew, so one still in view after a page loads the next. */
  #watchLoadMore(): void {
    this.#observer?.disconnect();
    const loadMore = this.renderRoot.querySelector('.load-more');
    if (!loadMore) return;
    this.#observer ??= new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.#loadMore();
    });
    this.#observer.observe(loadMore);
  }

  #select(conversation: ConversationSummary): void {
    const conversationId = conversation.id;
    if (!emit(this, 'sa-conversation-select', {conversationId, conversation}, true)) return;
    this.selected = conversationId;
    const target = forTarget<HTMLElement & {conversationId?: string}>(this, this.htmlFor);
    if (target) target.conversationId = conversationId;
  }

  /**
   * The `for` target loaded or re-read a conversation: mark it, and show what the target shows (title,
   * status, agent, last message) at once; a read of the list that started earlier does not undo it.
   */
  #onConversationLoad = (event: CustomEvent<ConversationDetail>): void => {
    if (!this.htmlFor || event.composedPath()[0] !== forTarget(this, this.htmlFor)) return;
    const {messages, ...fields} = event.detail.conversation;
    this.selected = fields.id;
    this.#shown = {...fields, lastMessage: messages.at(-1) ?? null};
    this.#rows = this.#current(this.#rows);
    this.requestUpdate();
  };

  /**
   * The rows with the `for` target's view of its conversation where it is as new, and a reply still
   * being written previewed by what came before it (its first words are not worth a preview).
   */
  #current(rows: ConversationSummary[]): ConversationSummary[] {
    const shown = this.#shown;
    const before = new Map(this.#rows.map((row) => [row.id, row]));
    return rows.map((row) => {
      if (shown?.id === row.id && Date.parse(shown.updatedAt) >= Date.parse(row.updatedAt)) row = {...row, ...shown};
      if (row.lastMessage?.status !== 'streaming') return row;
      const previous = before.get(row.id)?.lastMessage;
      return {...row, lastMessage: previous?.status === 'streaming' ? null : previous ?? null};
    });
  }

  /** The `for` target shows its welcome screen: no row is the shown one. */
  #onWelcome = (event: Event): void => {
    if (this.htmlFor && event.composedPath()[0] === forTarget(this, this.htmlFor)) this.selected = undefined;
  };

  #onKeydown(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.item')];
    const index = items.indexOf(event.target as HTMLElement);
    const next = ({ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1} as Record<string, number>)[event.key];
    if (index < 0 || next === undefined) return;
    event.preventDefault();
    items[Math.max(0, Math.min(next, items.length - 1))].focus();
  }

  /** One listener for every row (as for keys and focus): a row's button carries its conversation's id. */
  #onClick(event: MouseEvent): void {
    const id = (event.target as Element).closest<HTMLElement>('.item')?.dataset.id;
    const row = this.#rows.find((candidate) => candidate.id === id);
    if (row) this.#select(row);
  }

  #onFocusin(event: FocusEvent): void {
    const id = (event.target as HTMLElement).dataset.id;
    if (!id || id === this.#focusId) return;
    this.#focusId = id;
    this.requestUpdate();
  }

  override render() {
    const i18n = this.i18n;
    if (!this.client) {
      return html`<div part="base" class="base"><p part="error" class="error">${i18n.missingConfig}</p></div>`;
    }
    const pending = this.#task.status === TaskStatus.PENDING;
    const failed = this.#task.status === TaskStatus.ERROR;
    const rows = this.#rows;
    return html`<div part="base" class="base" aria-busy=${pending}>
      ${rows.length ? this.#renderRows(rows) : nothing}
      ${!rows.length && !this.#loaded && pending && this.#waiting.seconds
        ? html`<div part="error">
            <p role="status">${this.errorText(this.#waitingFor)}</p>
            <p class="countdown">${i18n.retryIn(this.#waiting.seconds)}</p>
          </div>`
        : nothing}
      ${!rows.length && !this.#loaded && pending && !this.#waiting.seconds
        ? html`<div class="skeleton" aria-hidden="true">
              ${[1, 2, 3].map(() => html`<div class="skeleton-row"><span></span><span></span></div>`)}
            </div>
            <p class="visually-hidden" role="status">${i18n.loading}</p>`
        : nothing}
      ${!rows.length && this.#loaded && !failed
        ? html`<div part="empty" class="empty">
            <p>${i18n.noConversations}</p>
            <slot name="empty"></slot>
          </div>`
        : nothing}
      ${failed
        ? html`<div part="error" class="error">
            <p role="alert">${this.errorText(this.#task.error)}</p>
            ${this.#countdown.seconds ? html`<p class="countdown">${i18n.retryIn(this.#countdown.seconds)}</p>` : nothing}
            <button type="button" @click=${this.#retry}>${i18n.retry}</button>
          </div>`
        : this.#rendered >= rows.length && rows.length < this.#total
          ? html`<button part="load-more" class="load-more" type="button" aria-disabled=${pending} @click=${this.#loadMore}>
              ${pending && this.#loadingMore ? i18n.loading : i18n.loadMore}
            </button>`
          : nothing}
    </div>`;
  }

  #renderRows(all: ConversationSummary[]) {
    const i18n = this.i18n;
    const rows = all.slice(0, this.#rendered);
    const locale = localeOf(this);
    // Before ICU has started, times would cost ~18 ms here: they follow in idle time (#prepareTimes).
    const times = intlStarted();
    const tabStop = [this.#focusId, this.selected].find((id) => rows.some((row) => row.id === id)) ?? rows[0].id;
    return html`<p part="total" class="total">${i18n.conversationCount(this.#total)}</p>
      <ul role="list" aria-label=${i18n.conversations} @click=${this.#onClick} @keydown=${this.#onKeydown} @focusin=${this.#onFocusin}>
        ${rows.map((row) => {
          const at = lastInteractionAt(row);
          const preview = previewText(row.lastMessage);
          return html`<li>
            <button
              part="item" class="item"
              type="button"
              data-id=${row.id}
              tabindex=${row.id === tabStop ? 0 : -1}
              aria-current=${row.id === this.selected ? 'true' : nothing}
            >
              <span class="heading">
                <span part="title" class="title">${row.title ?? i18n.untitledConversation}</span>
                <time part="time" class="time" datetime=${at}>${times ? relativeTime(at, locale) : ''}</time>
              </span>
              ${preview ? html`<span part="preview" class="preview">${preview}</span>` : nothing}
              ${row.status === 'closed' || row.isHumanHandled
                ? html`<span class="badges">
                    ${row.status === 'closed' ? html`<span part="badge closed-badge" class="badge closed-badge">${i18n.closedBadge(row.closeReason)}</span>` : nothing}
                    ${row.isHumanHandled
                      ? html`<span part="badge agent-badge" class="badge agent-badge">${i18n.humanAgentBadge(row.humanAgent?.name ?? null)}</span>`
                      : nothing}
                  </span>`
                : nothing}
            </button>
          </li>`;
        })}
      </ul>`;
  }
}
