/**
 * Counts the Intl.RelativeTimeFormat instances a page builds. A page's first Intl formatter is ICU
 * start-up (~18 ms of main thread), and the page caches its formatters: a test that asks whether one
 * was built needs a page that has built none, so each such test is the first of a file of its own.
 */
const NativeRelativeTimeFormat = Intl.RelativeTimeFormat;

/** The locale of each formatter built since the tests began, and when each was (performance.now()). */
export const formats: {locales: unknown[]; at: number[]} = {locales: [], at: []};

class CountedRelativeTimeFormat extends NativeRelativeTimeFormat {
  constructor(locale?: Intl.LocalesArgument, options?: Intl.RelativeTimeFormatOptions) {
    super(locale, options);
    formats.locales.push(locale);
    formats.at.push(performance.now());
  }
}

/** Installs the counter for the enclosing `describe` (mocha's before/after). */
export function countRelativeTimeFormats(): void {
  // Intl's members are writable; TypeScript's lib declares them read-only.
  const intl = Intl as {RelativeTimeFormat: typeof NativeRelativeTimeFormat};
  before(() => (intl.RelativeTimeFormat = CountedRelativeTimeFormat));
  after(() => (intl.RelativeTimeFormat = NativeRelativeTimeFormat));
}

/** One turn of what the elements' idle-time formatters wait for: callbacks queued before this one have run. */
export const afterIdle = () => new Promise((resolve) => (globalThis.requestIdleCallback ?? setTimeout)(resolve));
