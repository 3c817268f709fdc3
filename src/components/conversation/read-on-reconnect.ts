import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {TaskStatus, type Task} from '../../internal/task.js';

/** A removed element lets go of its read (the task is aborted); put back, it reads again. */
export class ReadOnReconnect implements ReactiveController {
  #aborted = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly task: Task<readonly unknown[], unknown>
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#aborted) this.task.run();
    this.#aborted = false;
  }

  hostDisconnected(): void {
    this.#aborted = this.task.status === TaskStatus.PENDING;
    if (this.#aborted) this.task.abort();
  }
}
