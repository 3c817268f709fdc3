import type {ReactiveController, ReactiveControllerHost} from 'lit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Largest unit first: a time is told in the largest unit it reaches. */
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];
/** Re-rendering twice a minute keeps "now" and "1 minute ago" honest without noticeable work. */
const TICK_MS = 30_000;

type Formatter = Intl.RelativeTimeFormat | Intl.DateTimeFormat;
const formatters = new Map<string, Formatter>();

/**
 * One Intl formatter per kind, locale and options: building one costs far more than using it
 * (it showed in rendering long histories). A malformed `lang` falls back to the browser's locale.
 */
export function intlFormatter<T extends Formatter>(
  Format: new (locale?: string, options?: object) => T,
  locale: string | undefined,
  options: Intl.RelativeTimeFormatOptions | Intl.DateTimeFormatOptions
): T {
  const key = `${Format.name} ${locale ?? ''} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    try {
      formatter = new Format(locale, options);
    } catch {
      formatter = new Format(undefined, options);
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * How long ago (or how far ahead) `date` is, in `locale` and the largest unit it reaches:
 * "now" under a minute, then "5 minutes ago", "yesterday", "last week"… Empty for an unreadable date.
 */
export function relativeTime(date: string | number | Date, locale?: string, now = Date.now()): string {
  const elapsed = new Date(date).getTime() - now;
  if (Number.isNaN(elapsed)) return '';
  const [unit, size] = UNITS.find(([, size]) => Math.abs(elapsed) >= size) ?? ['second', 0];
  return intlFormatter(Intl.RelativeTimeFormat, locale, {numeric: 'auto'}).format(size ? Math.trunc(elapsed / size) : 0, unit);
}

/**
 * Whether this page has built an Intl formatter yet. A page's first one is ICU start-up (13–22 ms
 * measured, whatever its kind); the next ones cost a fraction of a millisecond.
 */
export const intlStarted = (): boolean => formatters.size > 0;

/**
 * ICU start-up kept off the way to a paint, for a host that renders its times empty until the page
 * has started ICU (intlStarted). The function returned builds the host's formatter (`build`, which
 * may decide it is not wanted after all) when the main thread is next idle, e.g. while a response is
 * on its way, then calls `then` to render the times: the first time it is called, and only if ICU
 * has not started by then (a formatter then costs a fraction of a millisecond where it is first used).
 */
export function idleFormatter(build: () => unknown, then?: () => void): () => void {
  let asked = false;
  return () => {
    if (asked || intlStarted()) return;
    asked = true;
    (globalThis.requestIdleCallback ?? setTimeout)(() => {
      build();
      then?.();
    });
  };
}

const hosts = new Set<ReactiveControllerHost>();
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Keeps the relative times a host renders current: while the host is connected it re-renders
 * every 30 s. Every host shares one interval, stopped when the last host disconnects.
 * Use: `new RelativeTimeController(this)` in a field of the element, then `relativeTime()` in render.
 */
export class RelativeTimeController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    timer ??= setInterval(() => hosts.forEach((host) => host.requestUpdate()), TICK_MS);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size) return;
    clearInterval(timer);
    timer = undefined;
  }
}
