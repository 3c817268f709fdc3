/**
 * Every `sa-*` element the package registers, rendered on a server with `@lit-labs/ssr` (Lit's DOM
 * shim, the built dist/esm): its shell comes out as declarative shadow DOM with its styles, and
 * rendering asks nothing of the network. A new element is covered as soon as index.ts registers it.
 *
 * Run: node --test test/ssr/   (after npm run build)
 */
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {readFile} from 'node:fs/promises';
import {after, before, describe, test} from 'node:test';
import {setImmediate as flush} from 'node:timers/promises';
import {startEmulator} from '../../emulator/server.mjs';
import {registered, renderElement} from './render.mjs';
import {en} from '../../dist/esm/internal/strings.js';

const node = (args, env = {}) => promisify(execFile)(process.execPath, args, {env: {...process.env, ...env}});

const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const manifestTags = manifest.modules.flatMap((module) => module.declarations ?? []).map((d) => d.tagName).filter(Boolean);

/** What each element's server shell must say, beyond what all share. An element missing here gets the shared checks. */
const shells = {
  'sa-start-button': (html) => assert.match(html, /<button[^>]*part="button"[\s\S]*Start a conversation/),
  'sa-conversation': (html, attributes) => {
    assert.match(html, /<textarea[^>]*part="input"/);
    assert.match(html, /placeholder="Write a message…"/);
    // The welcome without a conversation; with one, room for it until the browser reads it.
    if (attributes['conversation-id']) assert.doesNotMatch(html, /part="welcome"/);
    else assert.match(html, /Hi! How can we help\?/);
  },
  'sa-conversation-list': (html) => assert.match(html, /<div part="base" class="base" aria-busy="false">/),
};

let emulator;
const fetches = [];
before(async () => {
  emulator = await startEmulator({keys: ['pk_demo']});
  // Through to the network, but noted: Lit's shim gives the server a fetch, so a render could use it.
  const serverFetch = globalThis.fetch;
  globalThis.fetch = (...args) => (fetches.push(String(args[0])), serverFetch(...args));
});
after(() => emulator.close());

test('the package registers the elements its manifest documents', () => {
  assert.ok(registered.length >= 3, `registered: ${registered}`);
  assert.deepEqual([...registered].sort(), [...manifestTags].sort());
  for (const tag of registered) assert.match(tag, /^sa-/);
});

for (const tag of registered) {
  describe(`<${tag}> on the server`, () => {
    const configurations = {
      'with a key': {'api-key': 'pk_demo'},
      'with a key and a conversation': {'api-key': 'pk_demo', 'conversation-id': 'c_1', selected: 'c_1'},
      'with a token and lang': {token: 'vt_1', lang: 'de'},
    };
    for (const [name, attributes] of Object.entries(configurations)) {
      test(`renders its shell ${name} as declarative shadow DOM, with no request`, async () => {
        fetches.length = 0;
        const html = await renderElement(tag, {...attributes, 'api-url': emulator.apiUrl});
        await flush();
        const shadow = html.match(new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open"><style>([\\s\\S]*)</template></${tag}>`));
        assert.ok(shadow, `expected a declarative shadow root in:\n${html}`);
        assert.match(shadow[1], /:host/, 'expected the element styles inline');
        assert.match(shadow[1], /part="base"/);
        assert.doesNotMatch(shadow[1], new RegExp(en.missingConfig.replace(/[()]/g, '\\$&')));
        shells[tag]?.(shadow[1], attributes);
        assert.deepEqual(fetches, []);
        const logged = await (await fetch(`${emulator.url}/__control/requests`)).json();
        assert.deepEqual(logged, []);
      });
    }

    test('says what is missing when it has no configuration', async () => {
      const html = await renderElement(tag);
      assert.match(html, /<template shadowroot="open" shadowrootmode="open">/);
      assert.ok(html.includes(en.missingConfig), html);
    });
  });
}

// A server that sets nothing up: Next.js rendering a client component, Nuxt a component, Astro a page.
describe('without the global DOM shim', () => {
  test('importing the package does not throw', async () => {
    const {stdout} = await node(['--input-type=module', '-e',
      "await import('siteassist-elements'); console.log(customElements.get('sa-conversation').name)"]);
    assert.equal(stdout.trim(), 'SaConversation');
  });

  test('@lit-labs/ssr renders every element (nothing DOM-only in a constructor, render or willUpdate)', async () => {
    const {stdout} = await node([new URL('./render.mjs', import.meta.url).pathname, '--each'], {SA_SSR_SHIM: 'none'});
    const rendered = stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(rendered.map((element) => element.tag), registered);
    for (const {tag, html, unconfigured} of rendered) {
      assert.match(html, new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open"><style>`));
      assert.ok(unconfigured.includes(en.missingConfig), unconfigured);
    }
  });
});

// Last: the locale stays registered in this process.
test('an element speaks the language of its own lang once that locale is imported on the server too', async () => {
  await import('../../dist/esm/locales/de.js');
  const html = await renderElement('sa-conversation', {'api-key': 'pk_demo', lang: 'de'});
  assert.match(html, /placeholder="Nachricht schreiben…"/);
  assert.match(await renderElement('sa-start-button', {'api-key': 'pk_demo', lang: 'de'}), /Unterhaltung beginnen/);
});
