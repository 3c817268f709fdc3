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

export const DEVIATIONS: Deviation[] = [];
