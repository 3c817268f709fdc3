/**
 * Every way the chat renderer departs from CommonMark 0.31.2 and the GFM 0.29 extensions on purpose,
 * in one place, with its reason. The spec suite (markdown-spec.test.ts) applies the `rewrite`s to the
 * spec's expected HTML before comparing, and counts the `examples` listed here as intended differences.
 */

/** A difference that is rewritten into the expected HTML, so the rest of the example is still checked. */
export interface Rewrite {
  reason: string;
  /** Changes the expected DOM (a template's content) into what the renderer means to produce. */
  apply(root: DocumentFragment): void;
}

/** A difference that cannot be rewritten: these examples are expected to differ. */
export interface Deviation {
  reason: string;
  /** Ids as the spec suite names them: `CM 123`, `GFM 628`. */
  examples: string[];
}

const BLOCK = /^(?:P|LI|UL|OL|BLOCKQUOTE|H[1-6]|PRE|TABLE|THEAD|TBODY|TR|TH|TD|HR|DIV)$/;
const isBlock = (node: Node | null) => !node || (node instanceof Element && BLOCK.test(node.tagName));
const isSafe = (href: string) => {
  try {
    return /^(?:https?|mailto):$/.test(new URL(href).protocol);
  } catch {
    return false;
  }
};

export const REWRITES: Rewrite[] = [
  {
    reason:
      'Images render as links to their source (inside a link, as their alt text): a reply can never load ' +
      'a tracking pixel or a picture the site did not choose.',
    apply(root) {
      for (const img of root.querySelectorAll('img')) {
        const alt = img.getAttribute('alt') ?? '';
        if (img.closest('a')) img.replaceWith(alt);
        else {
          const a = document.createElement('a');
          a.setAttribute('href', img.getAttribute('src') ?? '');
          if (img.hasAttribute('title')) a.setAttribute('title', img.getAttribute('title')!);
          a.textContent = alt;
          img.replaceWith(a);
        }
      }
    },
  },
  {
    reason:
      'Only absolute http:, https: and mailto: URLs become links (safeUrl): a relative URL would resolve ' +
      "against the host page, which the reply's author never saw. The link's text stays.",
    apply(root) {
      for (const a of root.querySelectorAll('a')) if (!isSafe(a.getAttribute('href') ?? '')) a.replaceWith(...a.childNodes);
    },
  },
  {
    reason: 'A soft line break renders as <br>: chat writers mean the line break they typed.',
    apply(root) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      while (walker.nextNode()) texts.push(walker.currentNode as Text);
      for (const text of texts) {
        if (text.parentElement?.closest('pre') || !text.data.includes('\n')) continue;
        const previous = text.previousSibling;
        const parts = text.data.split(/[ \t]*\n[ \t]*/);
        const nodes: Node[] = [];
        parts.forEach((part, k) => {
          if (k > 0) {
            const atStart = k === 1 && parts[0] === '';
            const atEnd = k === parts.length - 1 && part === '';
            // The newline after a hard break's <br>, and one beside a block, are not soft breaks.
            const skip = (atStart && (isBlock(previous) || previous?.nodeName === 'BR')) || (atEnd && isBlock(text.nextSibling));
            if (!skip) nodes.push(document.createElement('br'));
          }
          if (part) nodes.push(document.createTextNode(part));
        });
        text.replaceWith(...nodes);
      }
    },
  },
];

/** Sections about raw HTML: it is shown as text, never as markup, so these are outside the target. */
export const RAW_HTML_SECTIONS = ['HTML blocks', 'Raw HTML', 'Disallowed Raw HTML (extension)'];

export const DEVIATIONS: Deviation[] = [
  {
    reason: 'Raw HTML is shown as text, never as markup, also where an example outside the HTML sections uses it.',
    examples: ['CM 21', 'CM 31', 'CM 201', 'CM 308', 'CM 309', 'CM 344', 'CM 475', 'CM 476', 'CM 477', 'CM 491', 'CM 494', 'CM 524', 'CM 536', 'CM 642', 'CM 643'],
  },
  {
    reason: "GFM's autolinks are on: a bare URL or email address is a link, where plain CommonMark shows it as text.",
    examples: ['CM 602', 'CM 606', 'CM 608', 'CM 611', 'CM 612'],
  },
  {
    reason:
      "An href is what the browser's URL parser makes of it (safeUrl returns `url.href`): it keeps `]` in a query " +
      'and turns a backslash in an http(s) path into a slash, where the spec percent-encodes them.',
    examples: ['CM 20', 'CM 526', 'CM 538', 'CM 603'],
  },
  {
    reason: 'Named entities come from a short table of the ones replies use (the full one is 2,000 names); others stay as written.',
    examples: ['CM 25', 'CM 34'],
  },
  {
    reason: 'A definition line ends the paragraph above it: replies put their sources right under the text.',
    examples: ['CM 213'],
  },
  {
    reason: '`&#10;` is a line feed in the text; the soft-break rewrite above cannot tell it from a line break.',
    examples: ['CM 39'],
  },
];

/**
 * Examples that fail and are not intended (known gaps, each rare in replies): tabs after a container
 * marker (CM 6, 7), a lazy line after a fence in a quote (237), emphasis across the bracket of a marker
 * that resolves to nothing (523), Unicode case folding of labels (540), `[foo][bar][baz]` where only the
 * last is defined (569, 571): markers resolve when rendered, so the parser cannot know which are links.
 */
