import {LitElement, type PropertyDeclarations} from 'lit';
import {KeyRefusedError, SiteAssistError} from '../api/errors.js';
import {ConversationChangeEvent, DEFAULT_API_URL, RetryWaitEvent, type SiteAssistClient} from '../api/client.js';
import {getService} from '../api/service.js';
import {emit} from './events.js';
import {pageDefaults} from './page-defaults.js';
import {localeHosts, stringsFor, type Strings} from './strings.js';

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
    service: {attribute: false},
    strings: {attribute: false},
  };

  /** Publishable key (`pk_…`). Falls back to the loading script's `data-api-key`. */
  declare apiKey?: string;

  /** A visitor session token the host already has, used instead of a key. */
  declare token?: string;

  /** Base URL of the SiteAssist v2 API. Defaults to `https://api.siteassist.io/v2`. */
  declare apiUrl?: string;

  /** A client to use instead of the shared one for this configuration (tests, custom transports). */
  declare service?: SiteAssistClient;

  /** Overrides for any visitor-facing string; assign a new object to change them. */
  declare strings?: Partial<Strings>;

  #subscribed: SiteAssistClient | null = null;

  /** The client for the current configuration, or null when neither a key nor a token is set. */
  get client(): SiteAssistClient | null {
    if (this.service) return this.service;
    const apiKey = this.apiKey ?? pageDefaults.apiKey;
    const token = this.token ?? pageDefaults.token;
    if (!apiKey && !token) return null;
    return getService({apiUrl: this.apiUrl ?? pageDefaults.apiUrl ?? DEFAULT_API_URL, apiKey, token});
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
