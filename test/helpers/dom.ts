/**
 * The DOM and keyboard helpers the element tests share: reading an element's shadow root as a visitor
 * sees it, and typing the same way in every engine (commands in web-test-runner.config.mjs).
 */
import {waitUntil as waitUntilOpenWc} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

/**
 * open-wc's `waitUntil`, failing after 5 s instead of 1 s; every test imports it from here. It
 * resolves as soon as the condition holds: the bound only says when a wait counts as failed. One
 * second was short for an init, a read and a render while the machine runs two files per engine on
 * two cores and the dev server compiles a file's first imports. Mocha's limit is 10 s a test.
 */
export const waitUntil = (...[predicate, message, options]: Parameters<typeof waitUntilOpenWc>) =>
  waitUntilOpenWc(predicate, message, {timeout: 5_000, ...options});

/** The first match in an element's shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
/** Every match in an element's shadow root. */
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
/** The first node in an element's shadow root exposing the part `name`. */
export const part = <T extends Element = HTMLElement>(el: Element, name: string) => $<T>(el, `[part~="${name}"]`);
/** Text as a visitor reads it: whitespace collapsed, trimmed. */
export const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Types into the focused element one key at a time (WebKitWebDriver drops keys pressed together). */
export const typeText = (value: string) => executeServerCommand('type-text', value);
/** Presses keys together, the last one while the others are held: `pressChord('Shift', 'Enter')`. */
export const pressChord = (...keys: string[]) => executeServerCommand('press-chord', keys);
/**
 * Holds `key` down until `moved` holds, then lets it go, as a visitor holds a key until the view moves:
 * WebKitGTK's keyboard scrolling stops at the release, and a press (down and up in a few ms) moves
 * nothing when no frame falls between them.
 */
export async function holdKey(key: string, moved: () => unknown, message: string): Promise<void> {
  await executeServerCommand('key-down', key);
  try {
    await waitUntil(moved, message);
  } finally {
    await executeServerCommand('key-up', key);
  }
}
/** Gives this test's window the focus, as a visitor's window has it, before a test that follows focus events. */
export const focusWindow = () => executeServerCommand('focus-window');
