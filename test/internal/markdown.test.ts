import {expect} from '@open-wc/testing';
import {MarkdownDocument, parseMarkdown, sourcesOf, type Block} from '../../src/internal/markdown.js';
import {safeUrl} from '../../src/internal/safe-url.js';
import {chunks, kitchenSink, longList, manyParagraphs, openFence, seededRandom} from './markdown-samples.js';

const streamed = (pieces: string[]) => {
  const doc = new MarkdownDocument();
  for (const piece of pieces) doc.append(piece);
  return doc;
};
const snapshot = (doc: MarkdownDocument) => JSON.parse(JSON.stringify({blocks: doc.blocks, citations: doc.citations}));

describe('safeUrl', () => {
  const cases: [string, string | null][] = [
    ['https://example.com', 'https://example.com/'],
    ['HTTP://Example.COM/a b', 'http://example.com/a%20b'],
    ['mailto:me@example.com', 'mailto:me@example.com'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['\u0001javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['&#106;avascript:alert(1)', null],
    ['javascript&colon;alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['file:///etc/passwd', null],
    ['ftp://example.com', null],
    ['/relative/path', null],
    ['//example.com/protocol-relative', null],
    ['', null],
    ['http://[not a host', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(safeUrl(input)).to.equal(expected));
  }
});

describe('parseMarkdown: tree', () => {
  it('builds typed blocks and inlines', () => {
    expect(snapshot(parseMarkdown('# Hi *there*\n\nText with `code` and [a](https://a.example "T").\n\n---')).blocks).to.deep.equal([
      {type: 'heading', level: 1, children: ['Hi ', {type: 'em', children: ['there']}]},
      {type: 'paragraph', children: [
        'Text with ', {type: 'code', text: 'code'}, ' and ',
        {type: 'link', href: 'https://a.example', title: 'T', children: ['a']}, '.',
      ]},
      {type: 'rule'},
    ]);
  });

  it('keeps list start numbers, nesting and fence languages', () => {
    expect(snapshot(parseMarkdown('3. a\n   - b\n4. c\n\n~~~ts extra\nx\n~~~')).blocks).to.deep.equal([
      {type: 'list', start: 3, tight: true, items: [
        [{type: 'paragraph', children: ['a']}, {type: 'list', start: null, tight: true, items: [[{type: 'paragraph', children: ['b']}]]}],
        [{type: 'paragraph', children: ['c']}],
      ]},
      {type: 'code', lang: 'ts', text: 'x'},
    ]);
  });

  it('parses tables with alignment and pads short rows', () => {
    expect(snapshot(parseMarkdown('a | b\n:-- | --:\n1')).blocks).to.deep.equal([
      {type: 'table', align: ['left', 'right'], head: [['a'], ['b']], rows: [[['1'], []]]},
    ]);
  });

  it('collects definitions instead of rendering them, and numbers citations by first use', () => {
    const doc = parseMarkdown('B[b] then A[a][] then B again[x][b], missing[m].\n\n[a]: <https://a.example> "A"\n[B]: https://b.example\n[b]: https://ignored.example');
    expect(doc.blocks).to.have.length(1);
    expect(doc.citations).to.deep.equal([
      {number: 1, key: 'b', url: 'https://b.example/', label: 'https://b.example'},
      {number: 2, key: 'a', url: 'https://a.example/', label: 'A', title: 'A'},
    ]);
  });

  it('keeps a citation whose definition is unsafe, without a URL', () => {
    expect(parseMarkdown('See [1].\n\n[1]: javascript:alert(1) "Bad"').citations).to.deep.equal([
      {number: 1, key: '1', url: null, label: 'Bad', title: 'Bad'},
    ]);
  });

  it('accepts every definition title form', () => {
    const doc = parseMarkdown('[1] [2] [3] [4]\n\n[1]: <https://a.example> "Double"\n[2]: https://b.example \'Single\'\n[3]: https://c.example (Paren)\n[4]: https://d.example');
    expect(doc.citations.map((c) => c.label)).to.deep.equal(['Double', 'Single', 'Paren', 'https://d.example']);
  });
});

describe('MarkdownDocument: streaming', () => {
  const documents = {kitchenSink, longList, openFence, manyParagraphs: manyParagraphs(40)};
  for (const [name, text] of Object.entries(documents)) {
    it(`${name}: appending random 1–20 character chunks gives the same tree as parsing at once`, () => {
      const whole = snapshot(parseMarkdown(text));
      for (let seed = 1; seed <= 25; seed++) {
        expect(snapshot(streamed(chunks(text, seededRandom(seed)))), `seed ${seed}`).to.deep.equal(whole);
      }
    });

    it(`${name}: appending one character at a time gives the same tree`, () => {
      expect(snapshot(streamed([...text]))).to.deep.equal(snapshot(parseMarkdown(text)));
    });
  }

  it('keeps completed blocks as the same objects and rebuilds only the growing one', () => {
    // A block is final once the line after the next block's first line is complete too.
    const doc = parseMarkdown('# Title\n\nFirst paragraph.\n\n- a\n- b\n\nLast paragraph,\nsecond line,\nthird');
    const before = [...doc.blocks];
    doc.append(' words');
    expect(doc.blocks).to.have.length(4);
    before.slice(0, 3).forEach((block, k) => expect(doc.blocks[k], `block ${k}`).to.equal(block));
    expect(doc.blocks[3]).not.to.equal(before[3]);
    expect(doc.blocks[3]).to.deep.equal({type: 'paragraph', children: [
      'Last paragraph,', {type: 'break'}, 'second line,', {type: 'break'}, 'third words',
    ]});

    doc.append('\n\nNext paragraph\n\nand more');
    before.slice(0, 3).forEach((block, k) => expect(doc.blocks[k], `block ${k}`).to.equal(block));
    expect(doc.blocks.map((b: Block) => b.type)).to.deep.equal(['heading', 'paragraph', 'list', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('does not settle a block while the line that decides its end is still arriving', () => {
    const doc = parseMarkdown('Intro\na | b\n|---|---');
    expect(doc.blocks.map((b) => b.type)).to.deep.equal(['paragraph', 'table']);
    doc.append('x');
    expect(snapshot(doc)).to.deep.equal(snapshot(parseMarkdown('Intro\na | b\n|---|---x')));
    expect(doc.blocks.map((b) => b.type)).to.deep.equal(['paragraph']);
  });

  it('re-parses only the list item that grew, and still counts the markers of the others', () => {
    type List = Extract<Block, {type: 'list'}>;
    const doc = parseMarkdown('- one *a*\n- two[1]\n- thr');
    const [one, two] = (doc.blocks[0] as List).items;
    doc.append('ee');
    const items = (doc.blocks[0] as List).items;
    expect(items[0][0]).to.deep.equal(one[0]);
    expect((items[0][0] as {children: unknown}).children).to.equal((one[0] as {children: unknown}).children);
    expect((items[1][0] as {children: unknown}).children).to.equal((two[0] as {children: unknown}).children);
    expect(items[2][0]).to.deep.equal({type: 'paragraph', children: ['three']});
    doc.append('\n\n[1]: https://a.example');
    expect(doc.citations.map((c) => c.key)).to.deep.equal(['1']);
  });

  it('re-reads only the unfinished tail on each append, however long the message grows', () => {
    const text = manyParagraphs(300);
    const doc = new MarkdownDocument();
    const split = String.prototype.split;
    let longestRead = 0;
    String.prototype.split = function (this: string, separator: unknown, limit?: number) {
      if (separator === '\n') longestRead = Math.max(longestRead, this.length);
      return Reflect.apply(split, this, [separator, limit]) as string[];
    } as typeof split;
    try {
      for (const piece of chunks(text, seededRandom(7), 10)) doc.append(piece);
    } finally {
      String.prototype.split = split;
    }
    expect(text.length).to.be.greaterThan(15_000);
    expect(doc.blocks).to.have.length(300);
    // The parser's line split sees at most the last two paragraphs and a chunk, never the message.
    expect(longestRead).to.be.within(1, 2 * 60 + 20);
  });

  it('shows an unterminated fence as code with what has arrived', () => {
    const doc = new MarkdownDocument();
    doc.append('```js\nconst a');
    expect(doc.blocks).to.deep.equal([{type: 'code', lang: 'js', text: 'const a'}]);
    doc.append(' = 1;\n``');
    expect(doc.blocks).to.deep.equal([{type: 'code', lang: 'js', text: 'const a = 1;\n``'}]);
    doc.append('`\nafter');
    expect(doc.blocks).to.deep.equal([{type: 'code', lang: 'js', text: 'const a = 1;'}, {type: 'paragraph', children: ['after']}]);
  });

  it('resolves markers in completed blocks against definitions that arrive later', () => {
    const doc = new MarkdownDocument();
    doc.append('Claim one[a]. Claim two[b].\n\n' + manyParagraphs(5) + '\n\n');
    const first = doc.blocks[0];
    expect(doc.citations).to.deep.equal([]);
    expect(doc.usesCitations(first)).to.equal(true);
    expect(doc.usesCitations(doc.blocks[1])).to.equal(false);
    doc.append('[b]: https://b.example "B"\n');
    const afterB = doc.citations;
    expect(afterB).to.deep.equal([{number: 1, key: 'b', url: 'https://b.example/', label: 'B', title: 'B'}]);
    doc.append('[a]: https://a.example "A"');
    expect(doc.blocks[0]).to.equal(first);
    expect(doc.citations.map((c) => [c.number, c.key])).to.deep.equal([[1, 'a'], [2, 'b']]);
    const resolved = doc.citations;
    doc.append('\n\nMore text');
    expect(doc.citations, 'unchanged citations keep their array').to.equal(resolved);
  });

  it('keeps the citations array while nothing about them changes', () => {
    const doc = parseMarkdown('Fact[1].\n\n[1]: https://a.example\n\nMore');
    const citations = doc.citations;
    doc.append(' text that cites nothing');
    expect(doc.citations).to.equal(citations);
  });

  it('hides a definition line while it is still arriving', () => {
    const doc = new MarkdownDocument();
    doc.append('Fact[1].\n\n[1]: <https://exa');
    expect(doc.blocks).to.have.length(1);
    // Until its definition arrives, the numbered marker is a pending citation, never the text `[1]`.
    expect(doc.citations).to.deep.equal([{number: 1, key: '1', url: null, label: '', pending: true}]);
    doc.append('mple.com> "Ex');
    expect(doc.blocks).to.have.length(1);
    doc.append('ample"');
    expect(doc.citations).to.deep.equal([{number: 1, key: '1', url: 'https://example.com/', label: 'Example', title: 'Example'}]);
  });

  it('treats CRLF like LF, even when split between chunks', () => {
    expect(snapshot(streamed(['a\r', '\nb\r\n\r', '\n- c']))).to.deep.equal(snapshot(parseMarkdown('a\nb\n\n- c')));
  });
});

describe('sourcesOf: citations merged with the stream\'s sources', () => {
  const cited = parseMarkdown('See [1].\n\n[1]: https://a.example/doc "A"').citations;

  it('lists the citations, then each new http(s) source once, numbered on', () => {
    expect(sourcesOf(cited, [
      {url: 'https://a.example/doc', title: 'Same page as [1]'},
      {url: 'https://b.example', title: 'B'},
      {url: 'https://b.example/'},
      {url: 'http://c.example/x'},
      {url: 'javascript:alert(1)', title: 'Bad'},
      {url: 'mailto:x@example.com'},
      {url: '/relative'},
    ])).to.deep.equal([
      ...cited,
      {number: 2, key: 'https://b.example/', url: 'https://b.example/', label: 'B'},
      {number: 3, key: 'http://c.example/x', url: 'http://c.example/x', label: 'http://c.example/x'},
    ]);
  });

  it('returns the citations themselves when the stream named none', () => {
    expect(sourcesOf(cited)).to.equal(cited);
    expect(sourcesOf(cited, [])).to.equal(cited);
  });
});

describe('MarkdownDocument: pending citations', () => {
  it('holds a number for [1]–[99] and footnotes while streaming, not for [0] or words', () => {
    const doc = new MarkdownDocument();
    doc.append('a[1] b[0] c[^n] d[word] e[100]');
    expect(doc.citations.map((c) => [c.key, c.pending])).to.deep.equal([['1', true], ['^n', true]]);
    doc.finish();
    expect(doc.citations).to.deep.equal([]);
  });
});

describe('parseMarkdown: hostile input', () => {
  // Each of these once threw "Maximum call stack size exceeded" or took minutes (nested labels re-parsed
  // each other); a reply that does this must still render, as text.
  const inputs = {
    'quotes 3,000 deep': '>'.repeat(3000) + ' a',
    'brackets 2,000 deep': '['.repeat(2000) + 'a' + ']'.repeat(2000),
    'links 500 deep': '['.repeat(500) + 'a' + '](https://u.example)'.repeat(500),
    'images 2,000 deep': '!['.repeat(2000) + 'x' + '](https://y.example)'.repeat(2000),
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(`${name}: parses without exhausting the stack, in well under the test's timeout`, () => {
      const started = performance.now();
      expect(parseMarkdown(text).blocks.length).to.be.greaterThan(0);
      expect(performance.now() - started).to.be.below(5_000);
    });
  }
});
