/**
 * Issue 18: every code block shows its language and an icon copy button; the highlighting add-on
 * (src/highlight.ts, CDN dist/highlight.js) colours them through tokens only. The first describe runs
 * before the add-on is imported: without it, blocks stay plain.
 */
import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import {render} from 'lit';
import '../../src/sa-conversation.js';
import type {SaConversation} from '../../src/components/conversation/conversation.js';
import {SiteAssistClient} from '../../src/api/client.js';
import {MarkdownDocument, parseMarkdown} from '../../src/internal/markdown.js';
import {registerHighlighter, renderMarkdown} from '../../src/internal/markdown-render.js';
import {apiKey, apiUrl, resetEmulator} from '../helpers/emulator.js';
import {emulateMedia, itEmulated} from '../helpers/media.js';
import {xss} from '../helpers/xss-payloads.js';
import {waitUntil} from '../helpers/dom.js';

const options = {copyLabel: 'Copy code', copiedLabel: 'Copied'};
const rendered = (markdown: string | MarkdownDocument) =>
  fixture<HTMLElement>(html`<div>${renderMarkdown(typeof markdown === 'string' ? parseMarkdown(markdown) : markdown, options)}</div>`);
const tokens = (root: ParentNode) => [...root.querySelectorAll('code span[class^="tok-"]')];

/** `<sa-conversation>` showing the emulator's standard reply, whose code block is HTML. */
async function conversationWithReply(theme = 'light'): Promise<HTMLElement> {
  const client = new SiteAssistClient({apiUrl, apiKey});
  const conversation = await client.createConversation(null);
  await client.sendMessage(conversation.id, {content: 'How do I install it?', pageContext: null});
  const el = await fixture<SaConversation>(
    html`<sa-conversation api-key=${apiKey} api-url=${apiUrl} conversation-id=${conversation.id} theme=${theme}></sa-conversation>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="assistant"] [part~="code-block"]'), 'the reply with its code block');
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="assistant"] [part~="code-block"]')!;
}

/**
 * Loads the built add-on, `dist/highlight.js`, as a page does: a classic script registering through the
 * global `SiteAssistElements` (here the sources' own hook). Run `npm run build` first.
 */
function loadAddOn(): Promise<void> {
  (window as unknown as {SiteAssistElements: object}).SiteAssistElements = {registerHighlighter};
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dist/highlight.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/highlight.js did not load: run npm run build'));
    document.head.append(script);
  });
}

/** WCAG contrast of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b_] = colour.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b_;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

describe('code blocks without the highlighting add-on', () => {
  beforeEach(resetEmulator);

  it('show the language and an icon copy button named "Copy code" that shows "Copied"', async () => {
    const block = await conversationWithReply();
    expect(block.querySelector('[part~="code-language"]')!.textContent).to.equal('html');
    const button = block.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
    expect(button.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    const label = button.querySelector('span')!;
    expect(label.textContent, 'the button\'s name').to.equal('Copy code');
    expect(label.getBoundingClientRect().width, 'the name is not shown').to.be.at.most(1);
    expect(tokens(block).length, 'highlighted without the add-on').to.equal(0);

    const copied: string[] = [];
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: async (text: string) => void copied.push(text)}});
    try {
      button.click();
      await waitUntil(() => label.textContent === 'Copied', 'the copied confirmation');
      expect(label.getBoundingClientRect().width, 'the confirmation is visible').to.be.greaterThan(10);
      expect(copied[0]).to.equal(block.querySelector('code')!.textContent);
    } finally {
      Object.defineProperty(navigator, 'clipboard', {configurable: true, value: clipboard});
    }
  });
});

describe('code blocks with the highlighting add-on', () => {
  beforeEach(resetEmulator);
  afterEach(() => delete window.__xss);

  it('colours a reply already on screen when the add-on arrives, without changing its text or size', async () => {
    const block = await conversationWithReply();
    const code = block.querySelector('code')!;
    const [text, height] = [code.textContent, block.getBoundingClientRect().height];
    await loadAddOn();
    await waitUntil(() => tokens(block.getRootNode() as ShadowRoot).length, 'highlighted tokens');
    const current = (block.getRootNode() as ShadowRoot).querySelector('[part~="assistant"] pre code')!;
    expect(current.textContent).to.equal(text);
    expect(tokens(current).map((span) => span.className)).to.include.members(['tok-tag', 'tok-attr', 'tok-string']);
    expect(block.isConnected ? block.getBoundingClientRect().height : height).to.equal(height);
  });

  it('leaves an unknown language and a block without one plain', async () => {
    const el = await rendered('```brainfuck\n+[-->-[>>+>-----<<]<--<---]>-.\n```\n\n```\nconst a = 1;\n```\n\n```ts\nconst a: number = 1;\n```');
    const [unknown, none, ts] = el.querySelectorAll('code');
    expect(tokens(unknown).length).to.equal(0);
    expect(tokens(none).length).to.equal(0);
    expect(tokens(ts).map((span) => span.textContent)).to.include.members(['const', 'number', '1']);
  });

  it('a streaming block is highlighted once complete, not on every chunk', async () => {
    const doc = new MarkdownDocument();
    doc.append('Run:\n\n```js\nconst a = 1;\n');
    const el = document.createElement('div');
    document.body.append(el);
    render(renderMarkdown(doc, options), el);
    expect(tokens(el).length, 'the open block').to.equal(0);
    for (const chunk of ['const b = 2;\n', 'const c = 3;\n']) {
      doc.append(chunk);
      render(renderMarkdown(doc, options), el);
      expect(tokens(el).length, 'the growing block').to.equal(0);
    }
    doc.append('```\n\nDone.\n');
    render(renderMarkdown(doc, options), el);
    el.remove();
    expect(tokens(el).filter((span) => span.textContent === 'const')).to.have.length(3);
  });

  it("the XSS corpus as info strings and as code produces no markup and runs nothing", async () => {
    const allowed = new Set(['DIV', 'SPAN', 'BUTTON', 'svg', 'rect', 'path', 'PRE', 'CODE']);
    // A payload with a fence of its own would close ours; the markdown tests cover those as they are.
    for (const payload of xss.filter((p) => !/```|~~~/.test(p))) {
      const info = payload.replace(/\n/g, ' ');
      for (const markdown of [`~~~${info}\n${payload}\n~~~`, `\`\`\`html\n${payload}\n\`\`\``, `\`\`\`js\n${payload}\n\`\`\``]) {
        const el = await rendered(markdown);
        for (const element of el.querySelectorAll('*')) {
          expect(allowed.has(element.tagName), `<${element.tagName}> from ${markdown}`).to.equal(true);
          for (const {name} of element.attributes) expect(name.startsWith('on'), name).to.equal(false);
        }
        expect(el.querySelector('code')!.textContent).to.equal(payload.replace(/\n+$/, ''));
      }
    }
    await aTimeout(50);
    expect(window.__xss).to.equal(undefined);
  });

  for (const theme of ['light', 'dark']) {
    it(`token colours read at WCAG AA on the ${theme} code background`, async () => {
      const block = await conversationWithReply(theme);
      await waitUntil(() => tokens(block).length, 'highlighted tokens');
      const background = getComputedStyle(block).backgroundColor;
      for (const span of tokens(block)) {
        const colour = getComputedStyle(span).color;
        expect(contrast(colour, background), `${span.className} ${colour} on ${background}`).to.be.at.least(4.5);
      }
      const plain = getComputedStyle(block.querySelector('code')!).color;
      expect(new Set(tokens(block).map((span) => getComputedStyle(span).color)), 'colours').to.not.have.keys(plain);
    });
  }

  itEmulated('forced colours show every token in the system text colour', async () => {
    await emulateMedia([{name: 'forced-colors', value: 'active'}]);
    try {
      const block = await conversationWithReply();
      await waitUntil(() => tokens(block).length, 'highlighted tokens');
      const plain = getComputedStyle(block.querySelector('code')!).color;
      expect(new Set(tokens(block).map((span) => getComputedStyle(span).color))).to.deep.equal(new Set([plain]));
    } finally {
      await emulateMedia([]);
    }
  });
});
