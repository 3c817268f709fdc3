// What both widgets' adapters share: waiting for paint, one stream chunk per task, and the
// markdown of a SiteAssist message. Each adapter sets `window.widget` with the same methods.

/** Resolves after the next frame has been produced (a rAF, then a task after it). */
export const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

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
