/**
 * Per-key sliding-window rate limiting: at most `messages` accepted actions in any
 * `windowSeconds`, like a server that protects its AI budget per visitor.
 */
export class RateLimiter {
  /** @param {() => {messages: number, windowSeconds: number} | null} currentLimit read on every call, so settings apply at once; null = off */
  constructor(currentLimit) {
    this.currentLimit = currentLimit;
    /** @type {Map<string, number[]>} accepted action times (ms), oldest first */
    this.history = new Map();
  }

  /**
   * Records an action if the limit allows it.
   * @param {string} key e.g. the visitor id and action
   * @returns {number | null} null when allowed, else the seconds until it would be
   */
  take(key, now = Date.now()) {
    const limit = this.currentLimit();
    if (!limit) return null;
    const windowMs = limit.windowSeconds * 1000;
    const recent = (this.history.get(key) ?? []).filter((at) => at > now - windowMs);
    this.history.set(key, recent);
    if (recent.length >= limit.messages) {
      const oldestRelevant = recent[recent.length - limit.messages];
      return Math.max(1, Math.ceil((oldestRelevant + windowMs - now) / 1000));
    }
    recent.push(now);
    return null;
  }

  reset() {
    this.history.clear();
  }
}
