/**
 * Counts what an element can leave behind once removed: event listeners per target, timers started
 * by our code, open WebSockets and observed elements. Import it before the elements so it sees
 * every one of them.
 */
type Listener = EventListenerOrEventListenerObject;

/** target → listener → "type capture" keys, mirroring the browser's own de-duplication. */
const listeners = new Map<EventTarget, Map<Listener, Set<string>>>();
const keyOf = (type: string, options?: boolean | EventListenerOptions) =>
  `${type} ${typeof options === 'boolean' ? options : Boolean(options?.capture)}`;

function forget(target: EventTarget, listener: Listener, key: string): void {
  const keys = listeners.get(target)?.get(listener);
  keys?.delete(key);
  if (keys?.size === 0) listeners.get(target)!.delete(listener);
}

const {addEventListener, removeEventListener} = EventTarget.prototype;
EventTarget.prototype.addEventListener = function (type, listener, options) {
  addEventListener.call(this, type, listener, options);
  if (!listener) return;
  const key = keyOf(type, options);
  const byListener = listeners.get(this) ?? new Map<Listener, Set<string>>();
  listeners.set(this, byListener);
  const keys = byListener.get(listener) ?? new Set<string>();
  byListener.set(listener, keys.add(key));
  // The browser removes these by itself: a `once` listener after its event, any listener when its signal aborts.
  const settings = typeof options === 'object' ? options : {};
  if (settings.once) addEventListener.call(this, type, () => forget(this, listener, key), {once: true, capture: settings.capture});
  settings.signal?.addEventListener('abort', () => forget(this, listener, key), {once: true});
};
EventTarget.prototype.removeEventListener = function (type, listener, options) {
  removeEventListener.call(this, type, listener, options);
  if (listener) forget(this, listener, keyOf(type, options));
};

/** Live listeners on `target`. */
export const listenerCount = (target: EventTarget) =>
  [...(listeners.get(target)?.values() ?? [])].reduce((sum, keys) => sum + keys.size, 0);

/** Every target that ever had a listener, for finding the ones of a kind (the shared clients). */
export const listenedTargets = () => [...listeners.keys()];

// Timers: only those started from src/ (the test runner's own come and go).
const pendingTimers = new Set<number>();
const fromOurCode = () => /\/src\//.test(new Error().stack ?? '');
const {setTimeout: originalSetTimeout, setInterval: originalSetInterval, clearTimeout: originalClearTimeout, clearInterval: originalClearInterval} = window;
window.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
  if (!fromOurCode() || typeof handler !== 'function') return originalSetTimeout(handler, timeout, ...args);
  const id = originalSetTimeout((...callArgs: unknown[]) => {
    pendingTimers.delete(id);
    handler(...callArgs);
  }, timeout, ...args);
  pendingTimers.add(id);
  return id;
}) as typeof setTimeout;
window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
  const id = originalSetInterval(handler, timeout, ...args);
  if (fromOurCode()) pendingTimers.add(id);
  return id;
}) as typeof setInterval;
// Browsers clear either kind with either function.
const clear = (id?: number) => {
  if (id !== undefined) pendingTimers.delete(id);
  originalClearTimeout(id);
  originalClearInterval(id);
};
window.clearTimeout = clear as typeof clearTimeout;
window.clearInterval = clear as typeof clearInterval;

/** Timeouts not yet fired or cleared plus intervals not cleared, started by our code. */
export const timerCount = () => pendingTimers.size;

const sockets = new Set<WebSocket>();
window.WebSocket = class CountedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.add(this);
  }
};

/** Sockets opened by our code that are connecting or open (neither closed nor closing). */
export const openSocketCount = () => [...sockets].filter((socket) => socket.readyState <= WebSocket.OPEN).length;
export const socketsOpened = () => sockets.size;

const observed = new Map<object, Set<Element>>();
function counted<T extends typeof IntersectionObserver | typeof ResizeObserver>(Observer: T): T {
  return class extends Observer {
    observe(target: Element, options?: object) {
      super.observe(target, options);
      observed.set(this, (observed.get(this) ?? new Set()).add(target));
    }
    unobserve(target: Element) {
      super.unobserve(target);
      observed.get(this)?.delete(target);
    }
    disconnect() {
      super.disconnect();
      observed.delete(this);
    }
  };
}
window.IntersectionObserver = counted(IntersectionObserver);
window.ResizeObserver = counted(ResizeObserver);

/** Elements observed by some IntersectionObserver or ResizeObserver right now. */
export const observedCount = () => [...observed.values()].reduce((sum, targets) => sum + targets.size, 0);
