import type {ReactiveController, ReactiveControllerHost} from 'lit';

/**
 * The part of `@lit/task` our reads use, at a third of its bytes: the same states, `run()`, `abort()`,
 * `render({…})`, `value`, `error` and `status`, and the same contract that a newer run aborts the
 * `signal` of the one it supersedes and only the latest run's result counts. Every read runs after
 * the host's update (`autoRun: 'afterUpdate'`), so a first render equals the server's, where no task runs.
 */
export const TaskStatus = {INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** Returned by a task function: no read applies (no key, no id), so the task goes back to INITIAL. */
export const initialState = Symbol();

export interface TaskConfig<T extends readonly unknown[], R> {
  // Method syntax (bivariant parameters): a Task<[Client, string], Conversation> is then usable where a Task<unknown[], unknown> is, as @lit/task's is.
  task(args: T, options: {signal: AbortSignal}): R | typeof initialState | Promise<R | typeof initialState>;
  /** Primitives or stable instances: the task runs again after an update that changed one of them. */
  args: () => T;
  autoRun: 'afterUpdate';
  onComplete?(value: R): unknown;
  onError?(error: unknown): unknown;
}

export interface StatusRenderer<R> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: R) => unknown;
  error?: (error: unknown) => unknown;
}

export class Task<const T extends readonly unknown[] = readonly unknown[], const R = unknown> implements ReactiveController {
  #status: TaskStatus = TaskStatus.INITIAL;
  #value?: R;
  #error?: unknown;
  #args?: T;
  #run = 0;
  #abort?: AbortController;

  readonly #host: ReactiveControllerHost;
  readonly #config: TaskConfig<T, R>;

  constructor(host: ReactiveControllerHost, config: TaskConfig<T, R>) {
    (this.#host = host).addController(this);
    this.#config = config;
  }

  get status(): TaskStatus {
    return this.#status;
  }

  /** The last completed run's result (kept while a later run is pending or went back to INITIAL; cleared by an error). */
  get value(): R | undefined {
    return this.#value;
  }

  get error(): unknown {
    return this.#error;
  }

  hostUpdated(): void {
    const args = this.#config.args();
    const previous = this.#args;
    if (!previous || args.length !== previous.length || args.some((arg, i) => !Object.is(arg, previous[i]))) this.run(args);
  }

  /** Runs now, with `args` or the current ones; a run still pending is aborted and its result ignored. */
  async run(args: T = this.#config.args()): Promise<void> {
    this.#args = args;
    this.abort();
    this.#status = TaskStatus.PENDING;
    // A run started by hostUpdated is inside the update: request the next one once this one is done.
    queueMicrotask(() => this.#host.requestUpdate());
    const run = ++this.#run;
    const abort = (this.#abort = new AbortController());
    let result: R | typeof initialState | undefined;
    let error: unknown;
    let failed = false;
    try {
      result = await this.#config.task(args, {signal: abort.signal});
    } catch (e) {
      failed = true;
      error = e;
    }
    if (run !== this.#run) return;
    if (result === initialState) {
      this.#status = TaskStatus.INITIAL;
    } else {
      // As in @lit/task, a throwing callback does not leave the task pending.
      try {
        if (failed) this.#config.onError?.(error);
        else this.#config.onComplete?.(result as R);
      } catch {}
      this.#status = failed ? TaskStatus.ERROR : TaskStatus.COMPLETE;
      this.#value = result;
      this.#error = error;
    }
    this.#host.requestUpdate();
  }

  /** Aborts the pending run's signal (a removed element lets go of its read). */
  abort(reason?: unknown): void {
    if (this.#status === TaskStatus.PENDING) this.#abort?.abort(reason);
  }

  render(renderer: StatusRenderer<R>): unknown {
    const status = this.#status;
    return status === TaskStatus.INITIAL
      ? renderer.initial?.()
      : status === TaskStatus.PENDING
        ? renderer.pending?.()
        : status === TaskStatus.COMPLETE
          ? renderer.complete?.(this.#value as R)
          : renderer.error?.(this.#error);
  }
}
