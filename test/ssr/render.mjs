/**
 * Renders the elements the way a server framework does: Lit's DOM shim on the global, the built
 * package (dist/esm, what npm users import), then `@lit-labs/ssr` with declarative shadow DOM.
 * `registered` lists every tag the package defined, so a new `sa-*` element is covered by itself.
 * With SA_SSR_SHIM=none the global shim stays out: only what Lit's own Node build provides
 * (HTMLElement, customElements), as on a server that imports the package without setting anything up.
 *
 * Also a command for the browser test's page (web-test-runner.config.mjs): `node test/ssr/render.mjs <apiUrl>`
 * prints a start button, a list and a conversation wired together (#wired), then every registered element (#each).
 */
// Dynamic imports: the shim has to be on the global before Lit loads.
if (process.env.SA_SSR_SHIM !== 'none') await import('@lit-labs/ssr/lib/install-global-dom-shim.js');
const {render} = await import('@lit-labs/ssr');
const {collectResult} = await import('@lit-labs/ssr/lib/render-result.js');
const {html, unsafeStatic} = await import('lit/static-html.js');

/** Tags the package registered on import, in order. */
export const registered = [];
const define = customElements.define.bind(customElements);
customElements.define = (tag, element, options) => {
  registered.push(tag);
  define(tag, element, options);
};
await import('../../dist/esm/index.js');

const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The server HTML of `<tag …attributes>…</tag>`; an attribute set to true is written bare. */
export function renderElement(tag, attributes = {}, content = '') {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escape(value)}"`))
    .join('');
  return collectResult(render(html`<${unsafeStatic(tag + attrs)}>${unsafeStatic(content)}</${unsafeStatic(tag)}>`));
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--each') {
  // One line of JSON per registered element: its server HTML, configured and not.
  for (const tag of registered) {
    const html = await renderElement(tag, {'api-key': 'pk_demo', 'conversation-id': 'c_1'});
    process.stdout.write(`${JSON.stringify({tag, html, unconfigured: await renderElement(tag)})}\n`);
  }
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const apiUrl = process.argv[2];
  const config = {'api-key': 'pk_demo', 'api-url': apiUrl};
  const wired = await Promise.all([
    renderElement('sa-start-button', {...config, for: 'chat'}),
    renderElement('sa-conversation-list', {...config, for: 'chat'}),
    renderElement('sa-conversation', {...config, id: 'chat'}),
  ]);
  const each = await Promise.all(registered.map((tag) => renderElement(tag, config)));
  process.stdout.write(`<div id="wired">${wired.join('\n')}</div>\n<div id="each">${each.join('\n')}</div>\n`);
}
