import {pageDefaults} from '../../internal/page-defaults.js';
import type {OpenOptions, SaLauncher} from './launcher.js';

export interface InitOptions {
  apiKey?: string;
  apiUrl?: string;
  token?: string;
  theme?: 'light' | 'dark';
}

/** `window.SiteAssist`: the command function SiteAssist's own snippet calls, with the queue its stub keeps. */
export interface SiteAssistCommand {
  (command: 'init', options?: InitOptions): void;
  (command: 'open', options?: OpenOptions): void;
  (command: 'close' | 'toggle'): void;
  /** Calls made before the script loaded, kept by the stub `(SiteAssist._q = SiteAssist._q || []).push(arguments)`. */
  _q?: ArrayLike<unknown>[];
}

declare global {
  interface Window {
    SiteAssist?: SiteAssistCommand;
  }
}

/** Links and buttons that open the chat without page script. */
const OPENERS = 'a[href="#sa-chat"], [data-sa-open]';
const attributes = {apiKey: 'api-key', apiUrl: 'api-url', token: 'token', theme: 'theme'} as const;
/** Marks our command function, so a second copy of the script leaves the first one's in place. */
const installed = Symbol.for('siteassist-elements.page-api');

const launcher = () => document.querySelector('sa-launcher');

/** Runs `callback` once the document's body exists (the script may run in the head). */
function whenReady(callback: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', callback, {once: true});
  else callback();
}

/** The page's launcher, configured with `options`; created at the end of the body when there is none. */
function init(options: InitOptions = {}): SaLauncher {
  const existing = launcher();
  const element = existing ?? document.createElement('sa-launcher');
  for (const [option, attribute] of Object.entries(attributes)) {
    const value = options[option as keyof InitOptions];
    if (typeof value === 'string') element.setAttribute(attribute, value);
  }
  if (!existing) document.body.append(element);
  return element;
}

function run(command: unknown, options?: unknown): void {
  const opts = (options && typeof options === 'object' ? options : {}) as InitOptions & OpenOptions;
  if (command === 'init') init(opts);
  else if (command === 'open') launcher()?.open(opts);
  else if (command === 'close') launcher()?.close();
  else if (command === 'toggle') launcher()?.toggle();
  else console.warn(`siteassist-elements: SiteAssist(${JSON.stringify(command)}) is not a command (init, open, close, toggle).`);
}

function onClick(event: MouseEvent): void {
  const opener = (event.target as Element | null)?.closest?.(OPENERS);
  const element = opener && launcher();
  if (!element || event.defaultPrevented) return;
  event.preventDefault();
  element.open();
}

/**
 * The page-wide wiring of `<sa-launcher>`: `window.SiteAssist(…)` (draining calls the stub queued),
 * `#sa-chat` links and `[data-sa-open]`, and the launcher that `data-launcher` on the script tag asks for.
 */
export function installPageApi(): void {
  // The script tag's launcher first, so the queued calls find it.
  if (pageDefaults.launcher) whenReady(() => launcher() ?? init());
  const current = window.SiteAssist as (SiteAssistCommand & {[installed]?: true}) | undefined;
  if (!current?.[installed]) {
    const queued = Array.from(current?._q ?? []);
    const command = ((name: unknown, options?: unknown) => whenReady(() => run(name, options))) as SiteAssistCommand;
    window.SiteAssist = Object.assign(command, {[installed]: true as const});
    document.addEventListener('click', onClick);
    whenReady(() => queued.forEach((args) => run(args[0], args[1])));
  }
}
