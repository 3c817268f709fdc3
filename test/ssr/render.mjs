/**
 * Renders the elements the way a server framework does: Lit's DOM shim on the global, the built
 * package (dist/esm, what npm users import), then `@lit-labs/ssr` with declarative shadow DOM.
 * `registered` lists every tag the package defined, so a new `sa-*` element is covered by itself.
 *
 * Also a command for the browser test's page (web-test-runner.config.mjs): `node test/ssr/render.mjs <apiUrl>`
 * prints a start button, a list and a conversation wired together, rendered on the server.
 */
import '@lit-labs/ssr/lib/install-global-dom-shim.js';
import {render} from '@lit-labs/ssr';
import {collectResult} from '@lit-labs/ssr/lib/render-result.js';
import {html, unsafeStatic} from 'lit/static-html.js';

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const apiUrl = process.argv[2];
  const config = {'api-key': 'pk_demo', 'api-url': apiUrl};
  const parts = await Promise.all([
    renderElement('sa-start-button', {...config, for: 'chat'}),
    renderElement('sa-conversation-list', {...config, for: 'chat'}),
    renderElement('sa-conversation', {...config, id: 'chat'}),
  ]);
  process.stdout.write(parts.join('\n'));
}
