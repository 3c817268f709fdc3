import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {SiteAssistError} from '../api/errors.js';

/**
 * Waits out a rate limit the client left to the element (a `retryAfter` longer than it sleeps
 * through): counts the seconds down, re-rendering the host each second, then calls `retry`.
 */
export class RetryCountdown implements ReactiveController {
  /** Whole seconds until the automatic retry; 0 when none is due. */
  seconds = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly retry: () => void
  ) {
    host.addController(this);
  }

  /** Counts down when `error` says when a retry makes sense; otherwise just stops any countdown. */
  startFor(error: unknown): void {
    this.stop();
    const wait = error instanceof SiteAssistError ? error.retryAfter : null;
    if (!wait) return;
    this.seconds = Math.ceil(wait);
    this.#timer = setInterval(() => {
      if (--this.seconds > 0) return this.host.requestUpdate();
      this.stop();
      this.retry();
    }, 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.seconds = 0;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
