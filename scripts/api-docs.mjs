// Writes the README's element reference (attributes, properties, events, slots, parts, CSS custom
// properties) from custom-elements.json, the manifest the build generates from the JSDoc.
// `--check` fails instead of writing when the README is stale, so the tables cannot drift.
import {readFileSync, writeFileSync} from 'node:fs';

const START = '<!-- element-reference:start -->';
const END = '<!-- element-reference:end -->';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${text}\`` : '');

function table(headings, rows) {
  if (rows.length === 0) return '';
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function section(title, headings, rows) {
  const body = table(headings, rows);
  return body ? `**${title}**\n\n${body}\n` : '';
}

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const reference = elements.map((element) => {
  const members = (element.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && m.description);
  const attributes = (element.attributes ?? []).filter((a) => a.description);
  const attributeFields = new Set(attributes.map((a) => a.fieldName));
  return [
    `### \`<${element.tagName}>\`\n`,
    `${element.summary ?? element.description ?? ''}\n`,
    section('Attributes', ['Attribute', 'Type', 'Default', 'Description'], attributes.map((a) => [code(a.name), code(a.type?.text), code(a.default), a.description])),
    section('Properties (JavaScript only)', ['Property', 'Type', 'Description'], members.filter((m) => !attributeFields.has(m.name)).map((m) => [code(m.name), code(m.type?.text), m.description])),
    section('Events', ['Event', 'Description'], (element.events ?? []).filter((e) => e.name).map((e) => [code(e.name), e.description])),
    section('Slots', ['Slot', 'Description'], (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description])),
    section('CSS parts', ['Part', 'Description'], (element.cssParts ?? []).map((p) => [code(p.name), p.description])),
    section('CSS custom properties', ['Property', 'Description'], (element.cssProperties ?? []).map((p) => [code(p.name), p.description])),
  ].filter(Boolean).join('\n');
}).join('\n');

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
const updated = `${readme.slice(0, start + START.length)}\n${reference}\n${readme.slice(end)}`;

if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md element reference is stale: run `npm run docs`.');
    process.exit(1);
  }
  console.log(`README.md element reference is current (${elements.length} elements).`);
} else {
  writeFileSync('README.md', updated);
  console.log(`README.md element reference written (${elements.length} elements).`);
}
