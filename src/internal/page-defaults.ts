/** Configuration every element falls back to when it has no attribute of its own. */
export interface PageDefaults {
  apiKey?: string;
  apiUrl?: string;
  token?: string;
}

export const pageDefaults: PageDefaults = {};

/**
 * Reads `data-api-key`, `data-api-url` and `data-token` from the script tag that loaded the
 * bundle, so a CMS snippet sets the key once for every element on the page.
 */
export function takeDefaultsFrom(script: HTMLOrSVGScriptElement | null): void {
  const data = (script as HTMLScriptElement | null)?.dataset;
  if (!data) return;
  pageDefaults.apiKey ??= data.apiKey;
  pageDefaults.apiUrl ??= data.apiUrl;
  pageDefaults.token ??= data.token;
}
