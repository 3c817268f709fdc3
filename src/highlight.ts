/**
 * The optional syntax highlighting add-on. Importing this module (or loading the CDN's `dist/highlight.js`
 * after the main script) colours the code blocks of every element: shell, JSON, JavaScript, TypeScript,
 * HTML/XML, CSS, Python, YAML and SQL; any other language stays plain text.
 *
 * highlight.js parses; its tokens become elements through Lit bindings in the main script, never its
 * HTML string, so the strict-CSP and Trusted Types guarantees hold with the add-on loaded.
 */
import core from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import {registerHighlighter, type CodeToken} from './internal/markdown-render.js';

/** Token types by highlight.js scope (its first part: `title.function` is a `title`); others stay uncoloured. */
const TYPES = new Map<string, string>();
for (const [type, scopes] of Object.entries({
  keyword: 'keyword selector-tag doctag',
  string: 'string regexp char symbol selector-attr addition link',
  number: 'number literal bullet',
  comment: 'comment quote deletion',
  function: 'title section selector-id',
  type: 'type built_in class selector-class selector-pseudo',
  attr: 'attr attribute property variable template-variable',
  tag: 'name',
  meta: 'meta',
})) {
  for (const scope of scopes.split(' ')) TYPES.set(scope, `tok-${type}`);
}

type TokenNode = {type: string; children: CodeToken[]};

/** Collects highlight.js's scopes as a token tree instead of its HTML string (its `__emitter` interface). */
class TokenEmitter {
  readonly root: TokenNode = {type: '', children: []};
  readonly #stack = [this.root];

  addText(text: string): void {
    if (text) this.#stack[this.#stack.length - 1].children.push(text);
  }
  startScope(scope: string): void {
    const node = {type: TYPES.get(scope.split('.')[0]) ?? '', children: []};
    this.#stack[this.#stack.length - 1].children.push(node);
    this.#stack.push(node);
  }
  endScope(): void {
    if (this.#stack.length > 1) this.#stack.pop();
  }
  openNode(scope: string): void {
    this.startScope(scope);
  }
  closeNode(): void {
    this.endScope();
  }
  /** An embedded language (a script in HTML): its tokens, in place. */
  __addSublanguage(emitter: TokenEmitter): void {
    this.#stack[this.#stack.length - 1].children.push(...emitter.root.children);
  }
  finalize(): void {}
  toHTML(): string {
    return '';
  }
}

// An instance of our own: a page's or app's highlight.js keeps its configuration and languages.
const hljs = core.newInstance();
hljs.configure({__emitter: TokenEmitter} as object);
for (const [name, language] of Object.entries({bash, css, javascript, json, python, shell, sql, typescript, xml, yaml})) {
  hljs.registerLanguage(name, language);
}

/** Each colour a `--sa-code-*` token over a light and a dark default, both at least 4.5:1 on the code's background. */
const colours: [string, string, string][] = [
  ['keyword', '#a626a4', '#f0abfc'],
  ['string', '#15803d', '#86efac'],
  ['number', '#b45309', '#fcd34d'],
  ['comment', '#5b6470', '#9ca3af'],
  ['function', '#1d4ed8', '#93c5fd'],
  ['type', '#0e7490', '#67e8f9'],
  ['attr', '#9a3412', '#fdba74'],
  ['tag', '#b91c1c', '#fca5a5'],
  ['meta', '#6d28d9', '#c4b5fd'],
];
const styles = new CSSStyleSheet();
// Colour only: a token never changes the text's width, so nothing moves when a block becomes highlighted.
// Forced colours replace these with the system's text colour, as they do any text.
// Engines without light-dark() get the light colours (see base-styles).
styles.replaceSync(colours.map(([name, light, dark]) => `.tok-${name}{color:var(--sa-code-${name},light-dark(${light},${dark}))}`).join('') +
  `@supports not (color:light-dark(red,red)){${colours.map(([name, light]) => `.tok-${name}{color:var(--sa-code-${name},${light})}`).join('')}}`);

registerHighlighter({
  highlight(code, lang) {
    if (!hljs.getLanguage(lang)) return null;
    const {_emitter} = hljs.highlight(code, {language: lang, ignoreIllegals: true}) as unknown as {_emitter: TokenEmitter};
    return _emitter.root.children;
  },
  styles,
});
