/** Configuration every element falls back to when it has no attribute of its own. */
export interface PageDefaults {
  apiKey?: string;
  apiUrl?: string;
  token?: string;
  /** `data-launcher` is on the tag: the page gets a `<sa-launcher>` when it has none. */
  launcher?: boolean;
}

/**
 * `data-api-key`, `data-api-url` and `data-token` of the classic script tag that loaded the
 * bundle, so a CMS snippet sets the key once for every element on the page. Read while the
 * bundle first evaluates, the only moment `document.currentScript` names it (null for modules).
 */
export const pageDefaults: Readonly<PageDefaults> = (() => {
  const script = globalThis.document?.currentScript as HTMLScriptElement | null;
  // The README's snippet says integrity="sha384-…"; pasted as is, the browser checks nothing (it ignores a hash it cannot read).
  if (script?.integrity.includes('…')) {
    console.warn(
      'SiteAssist: integrity="' + script.integrity + '" on the <script> tag is the README\'s placeholder, so the browser checks ' +
        'nothing. Put the sha384-… value `npm run build` prints for this version (or the one on its CDN page).'
    );
  }
  const data = script?.dataset;
  return data ? {apiKey: data.apiKey, apiUrl: data.apiUrl, token: data.token, launcher: data.launcher !== undefined} : {};
})();
