/**
 * The emulator's deterministic "assistant": replies, stream chunks and titles are pure functions
 * of the visitor's text, so tests can assert on them and benchmarks are repeatable. Every reply
 * exercises what a renderer must handle: a blockquote, paragraphs, a list, a fenced code block,
 * an inline link and a citation by reference definition.
 */

export const CITATION_URL = 'https://docs.example.com/getting-started';
export const CITATION_LABEL = 'Getting started';

/** How much of the visitor's message a reply quotes. */
const QUOTE_LIMIT = 500;
/** `#long:N` in a message asks for a reply of about N characters (for benchmarks). */
const LONG_REPLY_TRIGGER = /#long:(\d+)/;
const LONG_REPLY_MAX = 1_000_000;
const TITLE_WORDS = 6;

/**
 * The markdown reply to a visitor's message.
 * @param {string} content the visitor's message
 */
export function composeReply(content) {
  const requested = LONG_REPLY_TRIGGER.exec(content);
  const body = requested ? longBody(Math.min(Number(requested[1]), LONG_REPLY_MAX)) : STANDARD_BODY;
  return `${quote(content)}\n\n${body}\n\n[1]: <${CITATION_URL}> "${CITATION_LABEL}"\n`;
}

const STANDARD_BODY = `Thanks for asking! Here is how to get the chat running on your site.

- Open **Settings → Widget** in your dashboard.
- Copy your publishable key; it starts with \`pk_\`.
- Paste the snippet below just before \`</body>\`.

\`\`\`html
<script src="https://cdn.example.com/siteassist-elements.js" data-api-key="pk_demo" defer></script>
<sa-conversation></sa-conversation>
\`\`\`

The [installation guide](https://docs.example.com/install) covers theming and events. For a tour of the basics, see [${CITATION_LABEL}][1].`;

const LONG_SECTIONS = [
  (n) => `## Step ${n}\n\nEach step builds on the previous one. Check the **status** column after every change, and keep a copy of the old settings until the new ones work.`,
  (n) => `- Item ${n}.1 with \`inline code\`\n- Item ${n}.2 with a [link](https://docs.example.com/step-${n})\n- Item ${n}.3, the last one`,
  (n) => `\`\`\`js\nconst step${n} = await client.run({step: ${n}});\nconsole.log(step${n}.status);\n\`\`\``,
  (n) => `> Note ${n}: changes take a minute to reach every visitor. See [${CITATION_LABEL}][1] for caching.`,
];

/** About `length` characters of varied markdown. */
function longBody(length) {
  const sections = [];
  let size = 0;
  for (let n = 1; size < length; n++) {
    const section = LONG_SECTIONS[(n - 1) % LONG_SECTIONS.length](n);
    sections.push(section);
    size += section.length + 2;
  }
  return sections.join('\n\n');
}

/** The visitor's message as a markdown blockquote. */
function quote(content) {
  const text = content.length > QUOTE_LIMIT ? `${content.slice(0, QUOTE_LIMIT)}…` : content;
  return text.trim().split('\n').map((line) => `> ${line}`.trimEnd()).join('\n');
}

/** Chunk sizes in words, cycled: uneven like a real model's tokens, but repeatable. */
const CHUNK_WORDS = [2, 1, 3, 4, 2, 3, 1, 4, 3, 2];

/**
 * Splits a reply into stream deltas of 1–4 words each (whitespace kept), which concatenate back
 * to the reply exactly.
 * @param {string} text
 * @returns {string[]}
 */
export function streamChunks(text) {
  const words = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks = [];
  for (let start = 0, i = 0; start < words.length; i++) {
    const size = CHUNK_WORDS[i % CHUNK_WORDS.length];
    chunks.push(words.slice(start, start + size).join(''));
    start += size;
  }
  return chunks;
}

/**
 * The title a conversation gets after its first exchange: the first words of the visitor's
 * first message, without markdown punctuation.
 * @param {string} content
 */
export function titleFor(content) {
  const words = content.replace(LONG_REPLY_TRIGGER, '').replace(/[#>*_`[\]]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'New conversation';
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(' ')}…` : words.join(' ');
}

/**
 * The parts of a stored assistant message. The leading `step-start` part is what AI SDK messages
 * carry; clients must skip part types they do not render.
 * @param {string} text
 */
export const assistantParts = (text) => [{type: 'step-start'}, {type: 'text', text}];

/** The markdown of a stored message: its text parts, joined. */
export const textOf = (message) => message.parts.filter((part) => part.type === 'text').map((part) => part.text).join('');

/** A rough token count (about four characters per token), for `usage`. */
export const estimateTokens = (text) => Math.ceil(text.length / 4);

/** Questions for seeded conversations: varied lengths, so lists and titles look realistic. */
export const SEED_QUESTIONS = [
  'How do I reset my password?',
  'Can I change the widget colours to match my brand?',
  'Do you ship to Canada and how long does it take?',
  'What is included in the Pro plan compared to the free one?',
  'My order #4821 has not arrived yet, can someone help?',
  'Is there an API for exporting conversations?',
  'How do I add the chat to a single-page app built with React?',
  'Can visitors upload screenshots?',
  'Why does the assistant answer in English when my site is in German?',
  'Where can I find my invoices?',
  'How do refunds work?',
  'Can I hand a conversation over to my support team?',
];

/** What human agents say in seeded hand-offs. */
export const SEED_AGENT_REPLY = "Hi, I'm taking over from the assistant. Let me check that for you — **one moment**.";
