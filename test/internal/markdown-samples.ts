// Whole replies of the kind an assistant streams, shared by the parser and renderer tests.

/** Every construct at once, with citation definitions after their markers. */
export const kitchenSink = `# Setting up the widget

Add the script tag **once** per page[1]; the *elements* find each other. See [the guide][2] or
https://docs.example.com/start (it is short). Escaped \\*stars\\* stay stars, and <b>raw html</b> is text.

## Steps

1. Install:
   \`\`\`bash
   npm install siteassist-elements
   \`\`\`
2. Configure
   - \`api-key\`: your key
   - \`api-url\`: optional
3. Done ~~maybe~~

> **Note:** the key is public.
> It is safe to ship.

| Option | Default | Notes |
|:-------|:-------:|------:|
| theme  | light   | or \`dark\` |
| lang   | auto    | [docs](https://docs.example.com/lang "Languages") |

---

Questions? Write to <help@example.com>. ![diagram](https://cdn.example.com/d.png)

\`\`\`ts
const el = document.querySelector('sa-conversation');
\`\`\`

[1]: <https://docs.example.com/install> "Installation"
[2]: https://docs.example.com/guide 'Guide'
`;

/** A long list reply, to stream item by item. */
export const longList = Array.from(
  {length: 30},
  (_, k) => `${k + 1}. Item **${k + 1}** with a [link](https://example.com/${k}) and text[${(k % 3) + 1}]`,
).join('\n') + '\n\n[1]: https://one.example "One"\n[2]: https://two.example "Two"\n[3]: https://three.example\n';

/** A reply ending in an unterminated fence, as when the stream stops mid-block. */
export const openFence = 'Here is the code:\n\n```python\ndef f(x):\n    return x * 2\n\nprint(f(2))';

/** Many paragraphs: the size the cost test scales up. */
export const manyParagraphs = (count: number) =>
  Array.from({length: count}, (_, k) => `Paragraph ${k} has *some* text and a \`span\` in it.`).join('\n\n');

/**
 * A long reply shaped as the emulator's `#long` one (headings, paragraphs, lists, code, quotes citing a
 * definition that comes last), `steps` sections of five blocks each.
 */
export const stepsReply = (steps: number) =>
  Array.from({length: steps}, (_, k) => `## Step ${k + 1}

Each step builds on the previous one. Check the **status** column after every change.

- Item ${k}.1 with \`inline code\`
- Item ${k}.2 with a [link](https://docs.example.com/step-${k})

\`\`\`js
const step${k} = await client.run({step: ${k}});
\`\`\`

> Note ${k}: changes take a minute. See [Getting started][1] for caching.
`).join('\n') + '\n[1]: https://docs.example.com/start "Getting started"\n';

/** A small seeded generator, so a failing chunking can be replayed. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

/** `text` cut into pieces of 1..`max` characters. */
export function chunks(text: string, random: () => number, max = 20): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(random() * max);
    pieces.push(text.slice(i, i + size));
    i += size;
  }
  return pieces;
}
