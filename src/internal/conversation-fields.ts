import type {Conversation, ConversationSummary, Message} from '../api/types.js';
import {textOfParts} from '../api/ui-message-stream.js';

/** When a conversation last saw a message. Older servers spell the field `lastInterationAt` (sic). */
export function lastInteractionAt(conversation: ConversationSummary | Conversation): string {
  const legacy = (conversation as {lastInterationAt?: string}).lastInterationAt;
  return conversation.lastInteractionAt ?? legacy ?? conversation.updatedAt;
}

/** A preview shows at most this many characters: a long reply is not laid out whole in a row that shows two lines. */
export const PREVIEW_CHARS = 200;
/** Of the markdown only the start is read: enough for PREVIEW_CHARS once links and punctuation are gone. */
const PREVIEW_SOURCE_CHARS = 2_000;
/**
 * Most previews come from the first lines: up to the end of the line this far in. Only when those
 * give too little is the rest read (each of a list's 100 rows otherwise cleans its whole reply).
 */
const PREVIEW_FIRST_CHARS = 300;

/**
 * A message as one line of plain text for a preview: its text parts with the markdown punctuation
 * dropped (cheaply: no parser), whitespace collapsed, cut at PREVIEW_CHARS with "…". The result is
 * text, never HTML.
 */
export function previewText(message: Message | null): string {
  const markdown = textOfParts(message?.parts ?? []).slice(0, PREVIEW_SOURCE_CHARS);
  // The cleaning works within lines (a link or a reference spanning a line break is the exception),
  // so the first lines, cleaned alone, start as they do when cleaned with the rest.
  const firstLines = markdown.indexOf('\n', PREVIEW_FIRST_CHARS) + 1;
  let text = plainText(firstLines ? markdown.slice(0, firstLines) : markdown);
  // Cut between code points, not inside a surrogate pair. PREVIEW_CHARS code points take at most twice
  // as many UTF-16 units, so only that much (and one more) is split into code points.
  let head = [...text.slice(0, 2 * PREVIEW_CHARS + 2)];
  if (firstLines && head.length <= PREVIEW_CHARS) {
    text = plainText(markdown);
    head = [...text.slice(0, 2 * PREVIEW_CHARS + 2)];
  }
  return head.length > PREVIEW_CHARS ? `${head.slice(0, PREVIEW_CHARS).join('')}…` : text;
}

function plainText(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(?:> ?)+/gm, '') // quotes, first: what they hold may be a table or a fence
    .replace(/^ {0,3}\[[^\]]+\]:\s.*$/gm, '') // citation definitions: [1]: <url> "Label"
    .replace(/^ {0,3}(?:(?:[-*_] *){3,}|(?:`{3,}|~{3,}).*|\|?[ :-]*-[ :|-]*)$/gm, '') // rules, code fences, table rules |---|---|
    .replace(/ *\| */g, ' ') // table cells
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links [Label][1]
    .replace(/\[\d+\]/g, '') // citation markers [1]
    .replace(/^\s*(?:#{1,6}|[-*+]|\d+[.)])\s+/gm, '') // headings, list bullets
    .replace(/[*~`]+|\b_+|_+\b/g, '') // emphasis, strike-through, code; snake_case survives
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1') // where a citation marker was
    .trim();
}
