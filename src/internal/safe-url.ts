/**
 * `href` as a normalised absolute `http:`, `https:` or `mailto:` URL; null for any other scheme and for
 * relative or unparsable input. The URL parser itself strips the tabs, newlines and leading controls
 * that `java\tscript:` tricks rely on, and entity-encoded schemes do not parse as absolute URLs.
 */
export function safeUrl(href: string): string | null {
  try {
    const url = new URL(href);
    return /^(?:https?|mailto):$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** `value` as a normalised absolute `http:` or `https:` URL (a page to open, an image to load); null for anything else, `mailto:` included. */
export function httpUrl(value: unknown): string | null {
  const url = typeof value === 'string' ? safeUrl(value) : null;
  return url && /^https?:/.test(url) ? url : null;
}
