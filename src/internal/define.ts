/** The class `define` is registering at this moment (`customElements.define` reads its `observedAttributes`). */
let registering: CustomElementConstructor | null = null;

/** Whether `define` is registering `element` right now. */
export const isRegistering = (element: unknown): boolean => element === registering;

/**
 * Registers an element unless its tag is taken, so a page that loads the script twice (or next
 * to an npm copy) keeps working. A different class under the same tag is left in place, with a warning.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== element) console.warn(`siteassist-elements: <${tag}> is already defined by another copy; keeping the first.`);
    return;
  }
  registering = element;
  try {
    customElements.define(tag, element);
  } finally {
    registering = null;
  }
}
