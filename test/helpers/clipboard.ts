/**
 * Replaces navigator.clipboard for the tests of one `describe`: `copied` lists what was written
 * (in order), and the real clipboard comes back after each test.
 */
export function fakeClipboard(): {copied: string[]} {
  const clipboard = navigator.clipboard;
  const state = {copied: [] as string[]};
  beforeEach(() => {
    state.copied = [];
    Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: async (text: string) => void state.copied.push(text)}});
  });
  afterEach(() => Object.defineProperty(navigator, 'clipboard', {configurable: true, value: clipboard}));
  return state;
}
