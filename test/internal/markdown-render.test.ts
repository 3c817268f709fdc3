import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import {render} from 'lit';
import {MarkdownDocument, parseMarkdown} from '../../src/internal/markdown.js';
import {renderMarkdown, type MarkdownOptions} from '../../src/internal/markdown-render.js';
import {chunks, kitchenSink, longList, openFence, seededRandom, stepsReply} from './markdown-samples.js';
import {styles} from '../../src/components/conversation/conversation.styles.js';
import {fakeClipboard} from '../helpers/clipboard.js';
import {xss} from '../helpers/xss-payloads.js';

const options: MarkdownOptions = {copyLabel: 'Copy', copiedLabel: 'Copied'};

/**
 * Serialised HTML without Lit's comment markers, attributes sorted, so strings compare by meaning;
 * without the `dir="auto"` of lists, quotes and tables too, which CommonMark's HTML does not have
 * (their own test below checks it).
 */
function normalise(markup: string): string {
  const template = document.createElement('template');
  template.innerHTML = markup.replace(/<!--[^]*?-->/g, '');
  // A streaming reply's groups of blocks are a rendering detail (see groupsOf): the blocks are what count.
  for (const group of template.content.querySelectorAll('div.group')) group.replaceWith(...group.childNodes);
  for (const element of template.content.querySelectorAll('[dir="auto"]')) element.removeAttribute('dir');
  for (const element of template.content.querySelectorAll('*')) {
    const attributes = [...element.attributes].map((a) => [a.name, a.value]).sort(([a], [b]) => a.localeCompare(b));
    for (const [name] of attributes) element.removeAttribute(name);
    for (const [name, value] of attributes) element.setAttribute(name, value);
  }
  return template.innerHTML;
}

async function rendered(markdown: string | MarkdownDocument, with_: MarkdownOptions = options): Promise<HTMLElement> {
  const doc = typeof markdown === 'string' ? parseMarkdown(markdown) : markdown;
  return fixture(html`<div>${renderMarkdown(doc, with_)}</div>`);
}

const link = (href: string, text: string, title = '') =>
  `<a href="${href}"${title ? ` title="${title}"` : ''} target="_blank" rel="noopener noreferrer">${text}</a>`;
const chip = (n: number, href: string, label: string) =>
  `<a class="citation" part="citation" href="${href}" target="_blank" rel="noopener noreferrer" aria-label="Source ${n}: ${label}">${n}</a>`;
const sources = (...items: string[]) => `<ol class="sources" part="sources">${items.map((i, k) => `<li value="${k + 1}">${i}</li>`).join('')}</ol>`;
const copyIcon = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="9" width="12" height="12" rx="2"></rect><path d="M5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1"></path></svg>';
const codeBlock = (code: string, lang?: string) =>
  `<div class="code-block" part="code-block"><div class="code-header"><span class="code-language" part="code-language">${lang ?? ''}</span>` +
  `<button type="button" part="copy-button" class="icon-button" title="Copy">${copyIcon}<span class="visually-hidden">Copy</span></button></div>` +
  `<pre tabindex="0"><code${lang ? ` class="language-${lang}"` : ''}>${code}</code></pre></div>`;

// CommonMark-style corpus: markdown → expected HTML. Deviations from CommonMark are marked.
const corpus: Record<string, [string, string][]> = {
  paragraphs: [
    ['Hello world', '<p>Hello world</p>'],
    ['a\n\nb', '<p>a</p><p>b</p>'],
    ['  leading and trailing  ', '<p>leading and trailing</p>'],
    ['soft\nbreak', '<p>soft<br>break</p>'], // deviation: a soft break renders as <br>, as chat users expect
    ['hard  \nbreak', '<p>hard<br>break</p>'],
    ['hard\\\nbreak', '<p>hard<br>break</p>'],
    ['trailing backslash\\', '<p>trailing backslash\\</p>'],
  ],
  headings: [
    ['# One\n## Two ##\n###### Six', '<h1>One</h1><h2>Two</h2><h6>Six</h6>'],
    ['####### Seven', '<p>####### Seven</p>'],
    ['#hashtag', '<p>#hashtag</p>'],
    ['\\# escaped', '<p># escaped</p>'],
    ['# *Styled* `h`', '<h1><em>Styled</em> <code>h</code></h1>'],
    ['Text\n# Heading', '<p>Text</p><h1>Heading</h1>'],
  ],
  emphasis: [
    ['*em* _em_ **strong** __strong__', '<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong></p>'],
    ['***both***', '<p><em><strong>both</strong></em></p>'],
    ['**a *b* c**', '<p><strong>a <em>b</em> c</strong></p>'],
    ['*foo**bar**baz*', '<p><em>foo<strong>bar</strong>baz</em></p>'],
    ['**foo*', '<p>*<em>foo</em></p>'],
    ['*foo**', '<p><em>foo</em>*</p>'],
    ['foo*bar*', '<p>foo<em>bar</em></p>'],
    ['snake_case_name and _foo_bar_', '<p>snake_case_name and <em>foo_bar</em></p>'],
    ['a * not em *', '<p>a * not em *</p>'],
    ['foo-_(bar)_', '<p>foo-<em>(bar)</em></p>'],
    ['*a `*` b*', '<p><em>a <code>*</code> b</em></p>'],
    ['~~gone~~ ~one~ ~~~three~~~', '<p><del>gone</del> <del>one</del> ~~~three~~~</p>'],
    ['**unclosed', '<p>**unclosed</p>'],
  ],
  code: [
    ['`code` and ``a ` b`` and ` `` `', '<p><code>code</code> and <code>a ` b</code> and <code>``</code></p>'],
    ['`unclosed', '<p>`unclosed</p>'],
    ['`<b>x</b>`', '<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>'],
    ['```js\nlet a = 1;\n```', codeBlock('let a = 1;', 'js')],
    ['~~~\nplain\n~~~', codeBlock('plain')],
    ['```c++\nx\n```', codeBlock('x', 'c++')],
    ['````\n```\ninner\n```\n````', codeBlock('```\ninner\n```')],
    [' ```\n  indented\n ```', codeBlock(' indented')],
    ['```py\nprint(1)', codeBlock('print(1)', 'py')],
    ['```\n<script>x</script>\n```', codeBlock('&lt;script&gt;x&lt;/script&gt;')],
    ['Text\n```\ncode\n```\nafter', `<p>Text</p>${codeBlock('code')}<p>after</p>`],
  ],
  links: [
    ['[site](https://example.com "Title")', `<p>${link('https://example.com/', 'site', 'Title')}</p>`],
    ["[s](https://example.com 'T') [p](https://example.com (P))", `<p>${link('https://example.com/', 's', 'T')} ${link('https://example.com/', 'p', 'P')}</p>`],
    ['[a](<https://example.com/a b>)', `<p>${link('https://example.com/a%20b', 'a')}</p>`],
    ['[w](https://en.wikipedia.org/wiki/Foo_(bar))', `<p>${link('https://en.wikipedia.org/wiki/Foo_(bar)', 'w')}</p>`],
    ['[**bold** link](mailto:me@example.com)', `<p>${link('mailto:me@example.com', '<strong>bold</strong> link')}</p>`],
    ['[](https://example.com/x)', `<p>${link('https://example.com/x', 'https://example.com/x')}</p>`],
    ['[relative](/docs) stays text', '<p>relative stays text</p>'],
    ['<https://example.com/x> <me@example.com>', `<p>${link('https://example.com/x', 'https://example.com/x')} ${link('mailto:me@example.com', 'me@example.com')}</p>`],
    ['see https://example.com/a_b, and (https://x.example/y).', `<p>see ${link('https://example.com/a_b', 'https://example.com/a_b')}, and (${link('https://x.example/y', 'https://x.example/y')}).</p>`],
    ['**https://x.example**', `<p><strong>${link('https://x.example/', 'https://x.example')}</strong></p>`],
    ['xhttps://x.example', '<p>xhttps://x.example</p>'],
    ['![logo](https://cdn.example/logo.png)', `<p>${link('https://cdn.example/logo.png', 'logo')}</p>`],
    ['[outer [inner](https://a.example)](https://b.example)', `<p>[outer ${link('https://a.example/', 'inner')}](${link('https://b.example/', 'https://b.example')})</p>`], // links do not nest: the inner one wins
    ['[not a link] (https://x.example)', `<p>[not a link] (${link('https://x.example/', 'https://x.example')})</p>`],
    ['\\[escaped](https://x.example)', `<p>[escaped](${link('https://x.example/', 'https://x.example')})</p>`],
  ],
  lists: [
    ['- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['* a\n+ b', '<ul><li>a</li></ul><ul><li>b</li></ul>'],
    ['3. c\n4. d', '<ol start="3"><li>c</li><li>d</li></ol>'],
    ['1) a\n2) b', '<ol><li>a</li><li>b</li></ol>'],
    ['- a\n  - b\n    - c\n- d', '<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>'],
    ['1. one\n   - sub\n2. two', '<ol><li>one<ul><li>sub</li></ul></li><li>two</li></ol>'],
    ['- a\n\n- b', '<ul><li><p>a</p></li><li><p>b</p></li></ul>'],
    ['- a\n\n  more\n- b', '<ul><li><p>a</p><p>more</p></li><li><p>b</p></li></ul>'],
    ['- a\nlazy', '<ul><li>a<br>lazy</li></ul>'],
    ['Steps:\n1. one\n2. two', '<p>Steps:</p><ol><li>one</li><li>two</li></ol>'],
    ['The year\n2024. was good', '<p>The year<br>2024. was good</p>'],
    ['- ```sh\n  ls\n  ```', `<ul><li>${codeBlock('ls', 'sh')}</li></ul>`],
    ['- a\n---', '<ul><li>a</li></ul><hr>'],
    ['- > quoted', '<ul><li><blockquote><p>quoted</p></blockquote></li></ul>'],
  ],
  quotes: [
    ['> quote\n> more', '<blockquote><p>quote<br>more</p></blockquote>'],
    ['> a\nlazy', '<blockquote><p>a<br>lazy</p></blockquote>'],
    ['> outer\n>> inner', '<blockquote><p>outer</p><blockquote><p>inner</p></blockquote></blockquote>'],
    ['> - a\n> - b', '<blockquote><ul><li>a</li><li>b</li></ul></blockquote>'],
    ['> a\n\n> b', '<blockquote><p>a</p></blockquote><blockquote><p>b</p></blockquote>'],
  ],
  tables: [
    [
      '| a | b | c |\n|:--|:-:|--:|\n| 1 | **2** | 3 |\n| 4 |',
      '<div class="table-scroll" tabindex="0"><table><thead><tr><th data-align="left">a</th><th data-align="center">b</th><th data-align="right">c</th></tr></thead>' +
        '<tbody><tr><td data-align="left">1</td><td data-align="center"><strong>2</strong></td><td data-align="right">3</td></tr>' +
        '<tr><td data-align="left">4</td><td data-align="center"></td><td data-align="right"></td></tr></tbody></table></div>',
    ],
    ['a | b\n--- | ---\nx \\| y | `z`', '<div class="table-scroll" tabindex="0"><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>x | y</td><td><code>z</code></td></tr></tbody></table></div>'],
    ['Intro\n| a |\n| - |', '<p>Intro</p><div class="table-scroll" tabindex="0"><table><thead><tr><th>a</th></tr></thead></table></div>'],
    ['a | b\n--- | --- | ---', '<p>a | b<br>--- | --- | ---</p>'],
    ['| a |\n|---|\n| 1 |\n\nafter', '<div class="table-scroll" tabindex="0"><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div><p>after</p>'],
  ],
  breaks: [
    ['---\n***\n_ _ _', '<hr><hr><hr>'],
    ['Text\n***', '<p>Text</p><hr>'], // deviation: no setext headings; the line is a thematic break
  ],
  'raw HTML and escapes': [
    ['<b>bold</b> <script>alert(1)</script>', '<p>&lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<div>\nblock\n</div>', '<p>&lt;div&gt;<br>block<br>&lt;/div&gt;</p>'],
    ['&amp; &copy; &nbsp;&mdash; &#35; &#x263A; &bogus;', '<p>&amp; © &nbsp;— # ☺ &amp;bogus;</p>'],
    ['\\*no\\* \\_no\\_ \\`no\\` \\\\ \\a \\[1\\]', '<p>*no* _no_ `no` \\ \\a [1]</p>'],
  ],
  citations: [
    [
      'Fact[2] and fact[1].\n\n[1]: <https://one.example/> "One"\n[2]: https://two.example/ \'Two\'',
      `<p>Fact${chip(1, 'https://two.example/', 'Two')} and fact${chip(2, 'https://one.example/', 'One')}.</p>` +
        sources(link('https://two.example/', 'Two'), link('https://one.example/', 'One')),
    ],
    [
      '[Docs][d], [Docs][] and [missing][x] [*y*]\n\n[d]: https://d.example (Paren)\n[docs]: https://docs.example',
      `<p>${link('https://d.example/', 'Docs', 'Paren')}${chip(1, 'https://d.example/', 'Paren')}, ${link('https://docs.example/', 'Docs')}${chip(2, 'https://docs.example/', 'https://docs.example')} and [missing][x] [<em>y</em>]</p>` +
        sources(link('https://d.example/', 'Paren'), link('https://docs.example/', 'https://docs.example')),
    ],
    ['See [1].\n\n[1]: javascript:alert(1) "Bad"', `<p>See <span class="citation" part="citation">1</span>.</p>${sources('Bad')}`],
    ['Only [1] here', '<p>Only [1] here</p>'],
    ['[1]: https://a.example "Unused"', ''],
    ['Text\n[1]: https://a.example\n[1]', `<p>Text</p><p>${chip(1, 'https://a.example/', 'https://a.example')}</p>${sources(link('https://a.example/', 'https://a.example'))}`], // deviation: a definition may interrupt a paragraph
    ['[link](https://a.example) is not [1]', `<p>${link('https://a.example/', 'link')} is not [1]</p>`],
  ],
};

describe('renderMarkdown: corpus', () => {
  for (const [group, cases] of Object.entries(corpus)) {
    describe(group, () => {
      for (const [markdown, expected] of cases) {
        it(JSON.stringify(markdown), async () => {
          const element = await rendered(markdown);
          expect(normalise(element.innerHTML)).to.equal(normalise(expected));
        });
      }
    });
  }

  it('shows a sources heading when given a label, and localises citation names', async () => {
    const element = await rendered('A[1]\n\n[1]: https://a.example "A"', {...options, sourcesLabel: 'Quellen', citationLabel: 'Quelle'});
    expect(element.querySelector('.sources-label')!.textContent).to.equal('Quellen');
    expect(element.querySelector('a.citation')!.getAttribute('aria-label')).to.equal('Quelle 1: A');
  });

  it('is accessible', async () => {
    await expect(await rendered(kitchenSink, {...options, sourcesLabel: 'Sources'})).to.be.accessible();
  });

  it('lets lists, quotes, tables and sources take the direction of their own text', async () => {
    const element = await rendered('- a\n\n1. b\n\n> c\n\n| d |\n|---|\n| e |\n\nf[1]\n\n[1]: https://a.example "A"');
    const tags = (selector: string) => [...element.querySelectorAll(selector)].map((node) => node.localName);
    expect(tags('[dir="auto"]')).to.deep.equal(['ul', 'ol', 'blockquote', 'table', 'ol']);
  });
});

describe('renderMarkdown: copy button', () => {
  const clipboard = fakeClipboard();

  it('copies its own block and says so for a moment', async () => {
    const element = await rendered('```\nfirst\n```\n\n```sh\nsecond\nline\n```');
    const button = element.querySelectorAll('button')[1];
    button.click();
    await aTimeout(0);
    expect(clipboard.copied).to.deep.equal(['second\nline']);
    expect(button.textContent).to.equal('Copied');
    expect(element.querySelectorAll('button')[0].textContent).to.equal('Copy');
    await aTimeout(2100);
    expect(button.textContent).to.equal('Copy');
  });

  it('keeps its label when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: () => Promise.reject(new Error('denied'))}});
    const element = await rendered('```\nx\n```');
    element.querySelector('button')!.click();
    await aTimeout(0);
    expect(element.querySelector('button')!.textContent).to.equal('Copy');
  });
});

describe('renderMarkdown: streaming', () => {
  for (const [name, text] of Object.entries({kitchenSink, longList, openFence, steps: stepsReply(12)})) {
    it(`${name}: rendering after every chunk ends with the same HTML as rendering once`, async () => {
      const once = normalise((await rendered(text)).innerHTML);
      for (const seed of [1, 2, 3]) {
        const container = document.createElement('div');
        const doc = new MarkdownDocument();
        for (const piece of chunks(text, seededRandom(seed))) {
          doc.append(piece);
          render(renderMarkdown(doc, options), container);
        }
        expect(normalise(container.innerHTML), `seed ${seed}`).to.equal(once);
      }
    });
  }

  /** A container that `update()` re-renders `doc` into, as a host element does on every delta. */
  function mount(doc: MarkdownDocument) {
    const container = document.createElement('div');
    const update = () => render(renderMarkdown(doc, options), container);
    update();
    return {container, update};
  }

  it('leaves the DOM of completed blocks alone while the last one grows', () => {
    const doc = parseMarkdown('# Title\n\nFirst paragraph.\n\nSecond,\nstill');
    const {container, update} = mount(doc);
    const heading = container.querySelector('h1')!;
    const headingText = heading.firstChild!;
    doc.append(' growing');
    update();
    expect(container.querySelector('h1')).to.equal(heading);
    expect(heading.firstChild).to.equal(headingText);
    expect(container.querySelectorAll('p')[1].textContent).to.equal('Second,still growing');
  });

  it('does not even look at completed blocks when only the last one changed', () => {
    const doc = parseMarkdown('# Title\n\nFirst paragraph.\n\nSecond,\nstill');
    // Hand the renderer stand-ins for the blocks that count how often it reads them.
    const reads = new Map<object, number>();
    const standIns = new WeakMap<object, object>();
    const blocks = Object.getOwnPropertyDescriptor(MarkdownDocument.prototype, 'blocks')!.get!;
    Object.defineProperty(doc, 'blocks', {
      get: () => (blocks.call(doc) as object[]).map((block) => {
        if (!standIns.has(block)) {
          standIns.set(block, new Proxy(block, {get: (target, key) => {
            reads.set(block, (reads.get(block) ?? 0) + 1);
            return Reflect.get(target, key);
          }}));
        }
        return standIns.get(block);
      }),
    });
    const {update} = mount(doc);
    const [title, first] = blocks.call(doc) as object[];
    reads.clear();
    doc.append(' growing');
    update();
    expect(reads.get(title)).to.equal(undefined);
    expect(reads.get(first)).to.equal(undefined);
    expect(reads.get((blocks.call(doc) as object[])[2])).to.be.greaterThan(0);
  });

  it('touches only the open end of a long reply on each chunk, however long it grows', () => {
    const doc = new MarkdownDocument();
    const {container, update} = mount(doc);
    const observer = new MutationObserver(() => {});
    observer.observe(container, {subtree: true, childList: true, characterData: true, attributes: true});
    const text = stepsReply(50);
    let widest = 0;
    let firstHeading: Element | null = null;
    for (let i = 0; i < text.length; i += 5) {
      const {citations} = doc;
      doc.append(text.slice(i, i + 5));
      update();
      const records = observer.takeRecords();
      // The one exception: a definition arriving (here at the very end) turns markers everywhere into chips.
      if (doc.citations !== citations) continue;
      const groups = [...container.children];
      // Closed groups never change: only the newest one (just closed) and the open one after it may,
      // and the one before them takes the class that lets the browser skip it out of view.
      const settled = new Set(groups.slice(0, -2));
      const touched = records.filter((record) => {
        if (record.type === 'attributes' && record.target.parentNode === container) return false;
        for (let node: Node | null = record.target; node && node !== container; node = node.parentNode) if (settled.has(node as Element)) return true;
        return false;
      });
      expect(touched, `chunk at ${i}`).to.deep.equal([]);
      widest = Math.max(widest, groups.length);
      firstHeading ??= container.querySelector('h2');
    }
    observer.disconnect();
    // Closing a group keeps its DOM: what the visitor selected or focused there stays.
    expect(container.querySelector('h2')).to.equal(firstHeading);
    // The top level stays short: a chunk's update looks at one entry per group, not one per block.
    expect(doc.blocks.length).to.be.greaterThan(200);
    expect(widest).to.be.within(10, doc.blocks.length / 10);
    expect(container.querySelectorAll(':scope > div.group').length).to.equal(container.children.length - 1 /* the sources */);
    doc.finish();
    update();
    expect(container.querySelector('div.group'), 'a complete reply renders flat').to.equal(null);
  });

  it('places every block of a streaming reply where the complete reply has it', async () => {
    // Both in the conversation's styles, in a bubble as wide as on a phone.
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({mode: 'open'});
    root.adoptedStyleSheets = styles.map((style) => style.styleSheet!);
    render(html`<div class="message assistant"><div class="bubble" style="width: 320px"><div class="markdown streamed"></div></div>
      <div class="bubble" style="width: 320px"><div class="markdown whole"></div></div></div>`, root);
    const text = stepsReply(20);
    const streaming = new MarkdownDocument();
    const streamed = root.querySelector<HTMLElement>('.streamed')!;
    const whole = root.querySelector<HTMLElement>('.whole')!;
    for (let i = 0; i < text.length; i += 5) {
      streaming.append(text.slice(i, i + 5));
      render(renderMarkdown(streaming, options), streamed);
    }
    render(renderMarkdown(parseMarkdown(text), options), whole);
    const closed = [...streamed.querySelectorAll<HTMLElement>(':scope > .group:not(:last-of-type)')];
    expect(closed.length).to.be.greaterThan(3);
    // Out of view, a closed group is neither laid out nor painted again (where the browser supports it).
    if (CSS.supports('content-visibility', 'auto')) expect(getComputedStyle(closed[0]).contentVisibility).to.equal('auto');
    // Every group laid out, with the containment content-visibility gives one in view, so all can be measured.
    const inView = new CSSStyleSheet();
    inView.replaceSync('.markdown > .closed { content-visibility: visible; contain: layout style paint; }');
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, inView];
    const tops = (markdown: HTMLElement, blocks: Element[]) => blocks.map((block) => Math.round(block.getBoundingClientRect().top - markdown.getBoundingClientRect().top));
    const streamedBlocks = [...streamed.querySelectorAll(':scope > .group > *, :scope > :not(.group)')];
    const wholeBlocks = [...whole.children];
    expect(streamedBlocks.length).to.equal(wholeBlocks.length);
    expect(tops(streamed, streamedBlocks)).to.deep.equal(tops(whole, wholeBlocks));
    expect(streamed.getBoundingClientRect().height).to.equal(whole.getBoundingClientRect().height);
  });

  it('keeps the height of a group that closes out of view, so the scroll height stays true', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({mode: 'open'});
    root.adoptedStyleSheets = styles.map((style) => style.styleSheet!);
    render(html`<div style="height: 100px; overflow: auto"><div class="message assistant"><div class="bubble" style="width: 320px"><div class="markdown"></div></div></div></div>`, root);
    const markdown = root.querySelector<HTMLElement>('.markdown')!;
    const text = stepsReply(20);
    const doc = new MarkdownDocument();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // The visitor reads the top while the second group fills, closes, and then may be skipped below the view.
    let second: Element | undefined;
    for (let i = 0; i < text.length && !second?.classList.contains('closed'); i += 5) {
      doc.append(text.slice(i, i + 5));
      render(renderMarkdown(doc, options), markdown);
      second ??= markdown.querySelectorAll(':scope > .group')[1];
      // A frame every few chunks, as they arrive from the network.
      if (i % 80 === 0) await frame();
    }
    expect(second!.classList.contains('closed'), 'the second group may be skipped').to.equal(true);
    const laidOut = second!.getBoundingClientRect().height;
    await frame();
    await frame();
    expect(second!.getBoundingClientRect().height).to.equal(laidOut);
  });

  it('turns markers in completed blocks into chips when their definitions arrive later', () => {
    const doc = new MarkdownDocument();
    doc.append('Claim[a].\n\nMore text.\n\nEven more.\n\n');
    const {container, update} = mount(doc);
    expect(container.querySelector('p')!.textContent).to.equal('Claim[a].');
    doc.append('[a]: https://a.example "A"\n');
    update();
    expect(normalise(container.querySelector('p')!.outerHTML)).to.equal(normalise(`<p>Claim${link('https://a.example/', 'a', 'A')}${chip(1, 'https://a.example/', 'A')}.</p>`));
    expect(container.querySelector('.sources')!.textContent).to.equal('A');
  });

  it('shows a numbered citation as a chip while its definition has not arrived, never as `[Label][1]`', () => {
    const doc = new MarkdownDocument();
    doc.append('See [Getting started][1] and [2].\n\nMore text.\n\n');
    const {container, update} = mount(doc);
    const first = () => normalise(container.querySelector('p')!.outerHTML);
    expect(first()).to.equal(normalise('<p>See Getting started<span class="citation" part="citation">1</span> and <span class="citation" part="citation">2</span>.</p>'));
    expect(container.querySelector('.sources'), 'a pending source is not listed').to.equal(null);
    doc.append('[1]: https://docs.example/start "Getting started"\n');
    update();
    expect(first()).to.equal(normalise(`<p>See ${link('https://docs.example/start', 'Getting started', 'Getting started')}${chip(1, 'https://docs.example/start', 'Getting started')} and <span class="citation" part="citation">2</span>.</p>`));
    expect(container.querySelector('.sources')!.textContent).to.equal('Getting started');
    // The reply ends without a definition for [2]: it is text again, as it was written.
    doc.finish();
    update();
    expect(container.querySelector('p')!.textContent).to.equal('See Getting started1 and [2].');
  });
});

const ICON_ELEMENTS = new Set(['svg', 'rect', 'path']);
const ALLOWED_ELEMENTS = new Set('P H1 H2 H3 H4 H5 H6 UL OL LI DIV PRE CODE BUTTON BLOCKQUOTE TABLE THEAD TBODY TR TH TD HR STRONG EM DEL A BR SPAN INPUT'.split(' '));

describe('renderMarkdown: XSS corpus', () => {
  afterEach(() => delete window.__xss);

  it('the payload detector notices a payload that runs', async () => {
    const probe = document.createElement('div');
    probe.innerHTML = '<img src=x onerror="window.__xss=1">';
    document.body.append(probe);
    for (let tries = 0; tries < 50 && !window.__xss; tries++) await aTimeout(20);
    probe.remove();
    expect(window.__xss).to.equal(1);
  });

  for (const payload of xss) {
    it(JSON.stringify(payload), async () => {
      const element = await rendered(payload);
      expect(element.querySelector('script, img, svg:not([part~="copy-button"] > svg), iframe, object, embed, style')).to.equal(null);
      for (const node of element.querySelectorAll('*')) {
        // The code blocks' copy icon is the only SVG: decorative, drawn by our own template.
        if (node.closest('svg')) {
          expect(node.closest('svg')!.getAttribute('aria-hidden')).to.equal('true');
          expect(ICON_ELEMENTS.has(node.tagName), node.tagName).to.equal(true);
          continue;
        }
        expect(ALLOWED_ELEMENTS.has(node.tagName), node.tagName).to.equal(true);
        for (const {name, value} of node.attributes) {
          expect(name, name).to.be.oneOf(['href', 'title', 'target', 'rel', 'class', 'part', 'type', 'aria-label', 'data-align', 'start', 'dir', 'value', 'disabled', 'checked', 'tabindex']);
          if (name === 'href') expect(value).to.match(/^(?:https?|mailto):/);
          if (name === 'value') expect(value).to.match(/^\d+$/);
          if (node.tagName === 'INPUT') expect([node.getAttribute('type'), node.hasAttribute('disabled')]).to.deep.equal(['checkbox', true]);
        }
      }
      await aTimeout(20);
      expect(window.__xss).to.equal(undefined);
    });
  }
});

describe('renderMarkdown: replies as assistants write them', () => {
  it('lists sources the stream named after the citations, without duplicates', async () => {
    const element = await rendered(parseMarkdown('Fact[1].\n\n[1]: https://a.example "A"'), {
      ...options, sources: [{url: 'https://a.example/', title: 'A again'}, {url: 'https://b.example/', title: 'B'}],
    });
    expect(normalise(element.querySelector('.sources')!.outerHTML)).to.equal(normalise(sources(link('https://a.example/', 'A'), link('https://b.example/', 'B'))));
  });

  const html_ = async (markdown: string) => normalise((await rendered(markdown)).innerHTML);
  const one = (n: number, href: string) => chip(n, href, href.replace(/\/$/, ''));

  it('shows adjacent citations [2][3] and a list [1, 2] as one chip each, every source listed', async () => {
    const defs = '\n\n[1]: https://one.example\n[2]: https://two.example\n[3]: https://three.example';
    expect(await html_('A[2][3] and B[1, 2].' + defs)).to.equal(normalise(
      `<p>A${one(1, 'https://two.example/')}${one(2, 'https://three.example/')} and B${one(3, 'https://one.example/')}${one(1, 'https://two.example/')}.</p>` +
      sources(link('https://two.example/', 'https://two.example'), link('https://three.example/', 'https://three.example'), link('https://one.example/', 'https://one.example'))));
  });

  it('keeps the word of [Word] with a definition, as a link, before its chip', async () => {
    expect(await html_('Read the [Guide].\n\n[guide]: https://g.example "The guide"')).to.equal(normalise(
      `<p>Read the ${link('https://g.example/', 'Guide', 'The guide')}${chip(1, 'https://g.example/', 'The guide')}.</p>` + sources(link('https://g.example/', 'The guide'))));
  });

  it('reads \\| in a table cell as a pipe, also in code, and <br> in a cell as a line break', async () => {
    expect(await html_('| a | b |\n|---|---|\n| x \\| y | `p\\|q`<br>next<br/>last <b>no</b> |')).to.equal(normalise(
      '<div class="table-scroll" tabindex="0"><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>x | y</td>' +
      '<td><code>p|q</code><br>next<br>last &lt;b&gt;no&lt;/b&gt;</td></tr></tbody></table></div>'));
    expect(await html_('a<br>b'), 'outside a table <br> stays text').to.equal('<p>a&lt;br&gt;b</p>');
  });

  it('shows an image inside a link as the link with the alt text', async () => {
    expect(await html_('[![npm](https://img.example/v.svg)](https://npm.example/p)')).to.equal(`<p>${normalise(link('https://npm.example/p', 'npm'))}</p>`);
  });

  it('shows task list items as checkboxes without brackets', async () => {
    const element = await rendered('- [ ] to do\n- [x] done');
    const boxes = [...element.querySelectorAll('input')];
    expect(boxes.map((b) => [b.type, b.disabled, b.checked, b.ariaLabel])).to.deep.equal([['checkbox', true, false, 'to do'], ['checkbox', true, true, 'done']]);
    expect(element.textContent).to.equal(' to do done');
    await expect(element).to.be.accessible();
  });

  it('links www. domains and email addresses, and ends a bare URL before CJK punctuation', async () => {
    expect(await html_('Go to www.example.com/help, mail support@example.com.')).to.equal(normalise(
      `<p>Go to ${link('http://www.example.com/help', 'www.example.com/help')}, mail ${link('mailto:support@example.com', 'support@example.com')}.</p>`));
    expect(await html_('详见https://example.com/help。谢谢 https://example.com/a）')).to.equal(normalise(
      `<p>详见${link('https://example.com/help', 'https://example.com/help')}。谢谢 ${link('https://example.com/a', 'https://example.com/a')}）</p>`));
  });

  it('decodes named and numeric entities, leaving unknown ones as written', async () => {
    expect((await rendered('a&nbsp;b &copy; 2024 &mdash; &#169; &#x2014; &unknown; `&copy;`')).textContent).to.equal('a\u00a0b © 2024 — © — &unknown; &copy;');
  });

  it('leaves names every object has (&constructor;, &toString;) as written, not as a function', async () => {
    expect((await rendered('&constructor; &toString; &hasOwnProperty; &amp;')).textContent).to.equal('&constructor; &toString; &hasOwnProperty; &');
  });

  it('shows footnotes as numbered chips with their text among the sources, without a stray paragraph', async () => {
    const element = await rendered('Claim[^1] and more[^note].\n\n[^1]: The *first* note.\n[^note]: Second.');
    expect(element.querySelectorAll('p').length).to.equal(1);
    expect(element.querySelector('p')!.textContent).to.equal('Claim1 and more2.');
    expect(normalise(element.querySelector('.sources')!.innerHTML)).to.equal('<li value="1">The <em>first</em> note.</li><li value="2">Second.</li>');
  });

  it('recognises setext headings and indented code', async () => {
    expect(await html_('Title\n=====\n\nSub\n---\n\n    code  line\n    two')).to.equal(normalise(`<h1>Title</h1><h2>Sub</h2>${codeBlock('code  line\ntwo')}`));
  });

  it('keeps nested parentheses in a URL and a code span with ] inside link text', async () => {
    expect(await html_('[wiki](https://w.example/Foo_(bar_(baz))) and [`a]b`](https://c.example)')).to.equal(normalise(
      `<p>${link('https://w.example/Foo_(bar_(baz))', 'wiki')} and ${link('https://c.example/', '<code>a]b</code>')}</p>`));
  });
});
