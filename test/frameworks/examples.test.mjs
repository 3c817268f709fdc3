/**
 * The framework examples: the README shows each file of test/frameworks/ as it is (tsc and vue-tsc
 * compile those in npm test, so a README example that stops compiling fails there), and the generated
 * typings name every attribute and event the manifest documents.
 *
 * Run: node --test test/frameworks/   (after npm run build)
 */
import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {test} from 'node:test';

const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root), 'utf8');
const readme = await read('README.md');
const fromCode = readme.slice(readme.indexOf('## From code'), readme.indexOf('\n## ', readme.indexOf('## From code') + 1));
const codeBlocks = [...fromCode.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1]);

const examples = [
  'test/frameworks/next/components/chat.tsx',
  'test/frameworks/next/app/chat/page.tsx',
  'test/frameworks/next/app/chat/hydrate.tsx',
  'test/frameworks/nuxt/components/Chat.vue',
  'test/frameworks/astro/src/components/Chat.astro',
];

for (const path of examples) {
  test(`the README's "From code" shows ${path} as it is`, async () => {
    const source = await read(path);
    assert.ok(codeBlocks.includes(source), `no code block in "From code" equals ${path}:\n${source}`);
  });
}

test("the Astro example's script is the one tsc checks (astro/chat-script.ts)", async () => {
  const astro = await read('test/frameworks/astro/src/components/Chat.astro');
  const script = astro.match(/<script>\n([\s\S]*?)<\/script>/)[1].replace(/^ {2}/gm, '');
  assert.equal(script, await read('test/frameworks/astro/chat-script.ts'));
});

const manifest = JSON.parse(await read('custom-elements.json'));
const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);
const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

for (const [framework, prefix, attributeKey, eventKey] of [
  ['react', 'React', (name) => name, (name) => `on${name}`],
  ['vue', 'Vue', camel, (name) => `on${camel(`-${name}`)}`],
]) {
  test(`dist/esm/${framework}.d.ts types every element, attribute and event of the manifest`, async () => {
    const types = await read(`dist/esm/${framework}.d.ts`);
    assert.ok(elements.length >= 3);
    for (const element of elements) {
      assert.ok(types.includes(`'${element.tagName}': `), `<${element.tagName}> missing`);
      const body = (name) => types.match(new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}\\n`))?.[1] ?? '';
      const attributes = body(`${element.name}${prefix}Attributes`);
      const events = body(`${element.name}${prefix}Events`);
      for (const attribute of element.attributes ?? []) {
        assert.ok(attributes.includes(`"${attributeKey(attribute.name)}"?: `), `${element.tagName} ${attribute.name} missing`);
      }
      for (const event of element.events ?? []) {
        assert.ok(events.includes(`"${eventKey(event.name)}"?: `), `${element.tagName} ${event.name} missing`);
      }
    }
  });
}
