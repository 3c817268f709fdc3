// What each part costs the CDN file: `node bench/size-parts.mjs` builds the main script of
// rollup.config.mjs (same plugins, same minifiers) from entries that leave parts out, and prints
// raw / gzip / brotli bytes for each. "no markdown" replaces the parser and its renderer with a stub
// that shows a reply's text as one plain paragraph, the least a reply needs. The figures are what
// splitting a part into an add-on script would take out of the one file. Diagnostic only.
import {rollup} from 'rollup';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import config from '../rollup.config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [main] = config;
/** The CDN file's entry: each variant is it with some lines left out, so module order (which changes the compressed size) stays its own. */
const INDEX = readFileSync(`${ROOT}src/index.ts`, 'utf8');
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
/** Name, the elements left out (a word in their module's and stylesheet's paths), and whether markdown stays. */
const VARIANTS = [
  ['everything (the CDN file)', [], true],
  ['everything, no markdown', [], false],
  ['no launcher', ['launcher'], true],
  ['no launcher, no markdown', ['launcher'], false],
  ['conversation + start button', ['launcher', 'conversation-list'], true],
  ['conversation + start button, no markdown', ['launcher', 'conversation-list'], false],
];

for (const [name, leftOut, markdown] of VARIANTS) {
  const entry = INDEX.split('\n').filter((line) => !leftOut.some((word) => new RegExp(`^(import|export).*'[^']*${word}[^']*'`).test(line))).join('\n');
  const bundle = await rollup({input: ENTRY, plugins: [entryOf(entry), ...(markdown ? [] : [plainMarkdown]), ...main.plugins], onwarn: () => {}});
  const {output: [chunk]} = await bundle.generate(main.output);
  const bytes = Buffer.from(chunk.code);
  const gzip = gzipSync(bytes, {level: 9}).length;
  const brotli = brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
  console.log(`${name.padEnd(44)} ${String(bytes.length).padStart(7)} raw ${String(gzip).padStart(6)} gzip ${String(brotli).padStart(6)} brotli`);
}
