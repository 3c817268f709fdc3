// What each part costs the CDN file: `node bench/size-parts.mjs` builds the main script of
// rollup.config.mjs (same plugins, same minifiers) from entries that leave parts out, and prints
// raw / gzip / brotli bytes for each. "no markdown" replaces the parser and its renderer with a stub
// that shows a reply's text as one plain paragraph, the least a reply needs. The figures are what
// splitting a part into an add-on script would take out of the one file. Diagnostic only.
import {rollup} from 'rollup';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import config from '../rollup.config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [main] = config;
/** Each element's stylesheet and module, each list in src/index.ts's order (module order changes the compressed size). */
const STYLES = {list: 'conversation-list/conversation-list', conversation: 'conversation/conversation', launcher: 'launcher/launcher', start: 'start-button/start-button'};
const MODULES = {list: 'sa-conversation-list', conversation: 'sa-conversation', start: 'sa-start-button', launcher: 'sa-launcher'};
const PLAIN_MARKDOWN = {
  'src/internal/markdown.ts': `export class MarkdownDocument {
  text = ''; finished = false; blocks = []; citations = []; completedBlocks = 0;
  usesCitations() { return false; }
  append(delta) { this.text += delta; }
  finish() { this.finished = true; }
}
export const parseMarkdown = (text) => { const doc = new MarkdownDocument(); doc.append(text); doc.finish(); return doc; };
export const citationsAcross = (each) => ({each, all: []});
export const sourcesOf = () => [];`,
  'src/internal/markdown-render.ts': `import {html, nothing} from 'lit';
export const renderMarkdown = (doc) => html\`<p>\${doc.text}</p>\`;
export const renderSources = () => nothing;
export const adoptCodeStyles = () => {};
export const registerHighlighter = () => {};`,
};
const plainMarkdown = {
  name: 'plain-markdown',
  load: (id) => Object.entries(PLAIN_MARKDOWN).find(([path]) => id.endsWith(path))?.[1],
};
/** The entry, as if it were a file in src/ beside index.ts (nothing is written there). */
const entryOf = (code) => ({
  name: 'entry',
  resolveId: (id) => (id === ENTRY ? id : null),
  load: (id) => (id === ENTRY ? code : null),
});
const ENTRY = `${ROOT}src/size-parts-entry.ts`;
const VARIANTS = [
  ['everything (the CDN file)', Object.keys(MODULES), true],
  ['everything, no markdown', Object.keys(MODULES), false],
  ['no launcher', ['list', 'conversation', 'start'], true],
  ['no launcher, no markdown', ['list', 'conversation', 'start'], false],
  ['conversation + start button', ['conversation', 'start'], true],
  ['conversation + start button, no markdown', ['conversation', 'start'], false],
];

for (const [name, elements, markdown] of VARIANTS) {
  const of = (paths) => Object.entries(paths).filter(([element]) => elements.includes(element)).map(([, path]) => path);
  // The real entry's order: the stylesheets, the parser and two templates first (it compresses better, see src/index.ts).
  const entry = [
    ...of(STYLES).map((path) => `import './components/${path}.styles.js';`),
    `import './internal/markdown.js';`,
    `import './components/conversation/message-view.js';`,
    `import './components/conversation/composer.js';`,
    `export * from './api/index.js';`,
    ...of(MODULES).map((path) => `export * from './${path}.js';`),
    `export {registerLocale} from './internal/strings.js';`,
    `export {registerHighlighter} from './internal/markdown-render.js';`,
  ].join('\n');
  const bundle = await rollup({input: ENTRY, plugins: [entryOf(entry), ...(markdown ? [] : [plainMarkdown]), ...main.plugins], onwarn: () => {}});
  const {output: [chunk]} = await bundle.generate(main.output);
  const bytes = Buffer.from(chunk.code);
  const gzip = gzipSync(bytes, {level: 9}).length;
  const brotli = brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
  console.log(`${name.padEnd(44)} ${String(bytes.length).padStart(7)} raw ${String(gzip).padStart(6)} gzip ${String(brotli).padStart(6)} brotli`);
}
