import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ElementRef} from './element-ref.js';

/**
 * Moves focus once the next render is in, to an element named in code (an `ElementRef` the
 * template binds), not found by a selector: the target may be rendered by that very update.
 */
export class FocusAfterUpdate implements ReactiveController {
  #target: ElementRef<HTMLElement> | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Focuses `target` after the next update. */
  move(target: ElementRef<HTMLElement>): void {
    this.#target = target;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.#target?.value;
    // A disabled control (a message box while its conversation loads) cannot take focus: it waits until usable.
    if (target && 'disabled' in target && target.disabled) return;
    this.#target = null;
    target?.focus();
  }
}
