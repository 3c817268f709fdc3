import {nothing} from 'lit';
import {Directive, directive, type ElementPart} from 'lit/directive.js';

/**
 * The element a template last bound with `${elementRef(holder)}`: a focus target or a box to
 * measure, named in code rather than found by a selector. Unlike Lit's `ref`, it is not cleared
 * when the element leaves the DOM (Lit's needs AsyncDirective, ~680 B gzip of the CDN script):
 * check `isConnected` where that matters; focusing a removed element does nothing anyway.
 */
export class ElementRef<T extends Element = HTMLElement> {
  value?: T;
}

class BindElement extends Directive {
  render(_holder: ElementRef<Element>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [holder]: [ElementRef<Element>]): typeof nothing {
    holder.value = part.element;
    return nothing;
  }
}

export const elementRef = directive(BindElement);
