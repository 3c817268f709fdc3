import {LitElement, type PropertyDeclarations} from 'lit';
import {KeyRefusedError, SiteAssistError} from '../api/errors.js';
import {ConversationChangeEvent, DEFAULT_API_URL, RetryWaitEvent, type SiteAssistClient} from '../api/client.js';
import {getClient} from '../api/shared-client.js';
import {isRegistering} from './define.js';
import {emit} from './events.js';
import {pageDefaults} from './page-defaults.js';
import {localeHosts, stringsFor, type Strings} from './strings.js';

/**
 * The attributes a class observes, read from its own and its ancestors' `properties` blocks and
 * named as Lit names them, without finalising the class.
 */
export function attributesOf(type: typeof LitElement): string[] {
  const names: string[] = [];
  for (let step: Function = type; step !== LitElement; step = Object.getPrototypeOf(step)) {
    if (!Object.hasOwn(step, 'properties')) continue;
    for (const [name, options] of Object.entries((step as typeof LitElement).properties)) {
      if (options.attribute !== false) names.push(typeof options.attribute === 'string' ? options.attribute : name.toLowerCase());
    }
  }
  return names;
}

/** Setup mistakes already told to the site owner: each is said once per page, however many elements make it. */
const warned = new Set<string>();

/** Tells the site owner (in the console, never the visitor) about a setup mistake, once per page. */
export function warnOnce(message: string, level: 'warn' | 'error' = 'warn'): void {
  if (warned.has(message)) return;
  warned.add(message);
  console[level](`SiteAssist: ${message}`);
}

/**
 * What every SiteAssist element shares: the configuration attributes, the client they resolve
 * to, the visitor-facing strings, and a hook for writes made elsewhere on the page.
 */
export class SiteAssistElement extends LitElement {
  // A static declaration rather than decorators: the decorator runtime and helpers cost the CDN bundle ~0.5 KB gzip.
  static override properties: PropertyDeclarations = {
    apiKey: {attribute: 'api-key'},
    token: {},
    apiUrl: {attribute: 'api-url'},
    client: {attribute: false},
    strings: {attribute: false},
  };

  /**
   * `customElements.define` reads this at load, for every element, on pages that may create none of
   * them; Lit's own getter finalises the class to answer (its accessors, attribute map and styles:
   * ~1 ms for the four). While `define` registers one of ours, its `properties` answer instead and the
   * first instance finalises it. Anything else asking, or an add-on that extends Lit's list (the
   * hydration support's `defer-hydration`), gets Lit's answer.
   */
  static override get observedAttributes(): string[] {
    if (isRegistering(this) && !Object.hasOwn(LitElement, 'observedAttributes')) return attributesOf(this);
    return super.observedAttributes;
  }

  constructor() {
    // Before super(): Lit's constructor reads what finalising creates (see observedAttributes).
    (new.target as typeof SiteAssistElement).finalize();
    super();
  }

  /** Publishable key (`pk_…`). Falls back to the loading script's `data-api-key`. */
  declare apiKey?: string;

  /** A visitor session token the host already has, used instead of a key. */
  declare token?: string;

  /** Base URL of the SiteAssist v2 API. Defaults to `https://api.siteassist.io/v2`. */
  declare apiUrl?: string;

  /** Overrides for any visitor-facing string; assign a new object to change them. */
  declare strings?: Partial<Strings>;

  #client?: SiteAssistClient;
  #subscribed: SiteAssistClient | null = null;

  /**
   * The API client: the one shared by every element with this configuration (null when neither a
   * key nor a token is set), or one assigned here instead (tests, custom transports).
   */
  get client(): SiteAssistClient | null {
    if (this.#client) return this.#client;
    const apiKey = this.apiKey ?? pageDefaults.apiKey;
    const token = this.token ?? pageDefaults.token;
    if (!apiKey && !token) return null;
    return getClient({apiUrl: this.apiUrl ?? pageDefaults.apiUrl ?? DEFAULT_API_URL, apiKey, token});
  }

  set client(client: SiteAssistClient | null | undefined) {
    this.#client = client ?? undefined;
  }

  /** @deprecated The earlier name of `client`. */
  get service(): SiteAssistClient | undefined {
    return this.#client;
  }

  set service(client: SiteAssistClient | undefined) {
    this.client = client;
  }

  protected get i18n(): Strings {
    return stringsFor(this, this.strings);
  }

  /** Called when any element sharing this client wrote to a conversation. */
  protected conversationChanged(_event: ConversationChangeEvent): void {}

  /** Called when the client waits before asking again (for any element sharing it). */
  protected retryWaiting(_event: RetryWaitEvent): void {}

  #onChange = (event: Event) => this.conversationChanged(event as ConversationChangeEvent);
  #onRetryWait = (event: Event) => this.retryWaiting(event as RetryWaitEvent);

  #subscribe(): void {
    const client = this.isConnected ? this.client : null;
    if (client === this.#subscribed) return;
    this.#subscribed?.removeEventListener(ConversationChangeEvent.type, this.#onChange);
    this.#subscribed?.removeEventListener(RetryWaitEvent.type, this.#onRetryWait);
    client?.addEventListener(ConversationChangeEvent.type, this.#onChange);
    client?.addEventListener(RetryWaitEvent.type, this.#onRetryWait);
    this.#subscribed = client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    localeHosts.add(this);
    this.#subscribe();
    // After the current task: a framework may set the key as a property just after connecting the element.
    setTimeout(() => {
      if (this.isConnected && !this.client) {
        warnOnce(
          `<${this.localName}> has no publishable key. Add data-api-key="pk_…" to the <script> tag that loads ` +
            'siteassist-elements (or api-key="pk_…" on the element).'
        );
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    localeHosts.delete(this);
    this.#subscribe();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    this.#subscribe();
  }

  /** Visitor words for a failure. */
  protected errorText(error: unknown): string {
    if (error instanceof KeyRefusedError) return this.i18n.missingConfig;
    return this.i18n.errors[error instanceof SiteAssistError ? error.code : 'HTTP_ERROR'];
  }

  /** Tells the host page about a failure (`sa-error`). Aborts are not failures. */
  protected reportError(error: unknown): void {
    const known = error instanceof SiteAssistError ? error : null;
    if (known?.code === 'ABORTED') return;
    if (error instanceof KeyRefusedError) {
      warnOnce(
        `the publishable key "${this.client?.config.apiKey}" was refused (401). Check the key in data-api-key, and that ` +
          `this site (${location.origin}) is one of the project's allowed domains: SiteAssist checks both.`,
        'error'
      );
    }
    emit(this, 'sa-error', {
      code: known?.code ?? 'HTTP_ERROR',
      status: known?.status ?? 0,
      message: error instanceof Error ? error.message : String(error),
      retryAfter: known?.retryAfter ?? null,
    });
  }
}
