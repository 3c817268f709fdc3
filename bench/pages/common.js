// What both widgets' adapters share: waiting for paint, one stream chunk per task, and the
// markdown of a SiteAssist message. Each adapter sets `window.widget` with the same methods.

/** A task after the current one: queued from a rAF callback, it runs once that frame's style, layout and paint are done. */
const afterThisFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Called from a task (not a rAF callback): resolves after the next frame has been produced (a rAF, then a task after it). */
export const painted = () => new Promise((resolve) => requestAnimationFrame(() => afterThisFrame().then(resolve)));

const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
/** A new task without setTimeout's 4 ms clamp: a network chunk arrives as a task of its own. */
const nextTask = () => new Promise((resolve) => (waiting.push(resolve), channel.port2.postMessage(0)));

/** Polls once a frame until `ready()` holds, for at most `timeoutMs`. */
export async function until(ready, timeoutMs = 20_000) {
  const end = performance.now() + timeoutMs;
  while (!ready()) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${ready}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * Resolves once the first frame in which `ready()` holds has been painted. `ready()` is checked in
 * each frame's rAF callback, before that frame's style, layout and paint: the first frame to see
 * it is the first to paint it, and a task queued from there runs once that frame is done. (`until`
 * then `painted` waited for one more frame.)
 */
export async function untilPainted(ready, timeoutMs = 20_000) {
  const end = performance.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (ready()) return afterThisFrame();
    if (performance.now() > end) throw new Error(`Timed out waiting for ${ready}`);
  }
}

/** Calls `deliver` once per chunk, each in its own task, then waits until the last one is painted. */
export async function streamChunks(chunks, deliver) {
  for (const chunk of chunks) {
    await nextTask();
    await deliver(chunk);
  }
  await painted();
}

export const textOf = (message) => message.parts.filter((part) => part.type === 'text').map((part) => part.text).join('');

/** Mounts and removes a widget `cycles` times, each time until it shows its messages. */
export async function cycle(cycles, mount) {
  for (let i = 0; i < cycles; i++) (await mount()).remove();
}
