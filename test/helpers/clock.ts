/**
 * A fake clock for the elements' intervals only: the rate-limit countdown, the poll, relative times.
 * Timeouts stay real, so streams, the client's backoff and waitUntil run as they do for a visitor,
 * and a test about a 6 s countdown or a 5 s poll moves time with `tick` instead of waiting for it.
 */
interface FakeInterval {
  run: () => void;
  every: number;
  due: number;
}

export interface IntervalClock {
  /** Runs, in order, every interval that falls due within `ms`. */
  tick(ms: number): void;
  /** Real intervals again; the ones still pending continue as real ones. */
  restore(): void;
}

export function fakeIntervals(): IntervalClock {
  const realSet = window.setInterval;
  const realClear = window.clearInterval;
  const pending = new Map<number, FakeInterval>();
  // Fake ids far above the browser's own, so clearInterval knows which clock an id belongs to.
  let nextId = 1_000_000_000;
  let now = 0;

  window.setInterval = ((handler: TimerHandler, every = 0, ...args: unknown[]) => {
    const run = () => (handler as (...values: unknown[]) => void)(...args);
    pending.set(nextId, {run, every: Math.max(every, 1), due: now + Math.max(every, 1)});
    return nextId++;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id === undefined || !pending.delete(id)) realClear(id);
  }) as typeof window.clearInterval;

  return {
    tick(ms) {
      const end = now + ms;
      for (;;) {
        const [id, next] = [...pending].reduce<[number, FakeInterval] | [null, null]>(
          (first, entry) => (first[1] === null || entry[1].due < first[1].due ? entry : first), [null, null]);
        if (id === null || next.due > end) break;
        now = next.due;
        next.due += next.every;
        next.run();
      }
      now = end;
    },
    restore() {
      const real = new Map([...pending].map(([id, {run, every}]) => [id, realSet(run, every)]));
      pending.clear();
      window.setInterval = realSet;
      window.clearInterval = ((id?: number) => realClear(real.get(id!) ?? id)) as typeof window.clearInterval;
    },
  };
}
