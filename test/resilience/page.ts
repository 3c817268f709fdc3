/** What the resilience tests look at in a page: the text and elements inside shadow roots. */
export {$, part, text} from '../helpers/dom.js';

/** Every element under `root`, through open shadow roots. */
export function allElements(root: Element | ShadowRoot | Document): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}
