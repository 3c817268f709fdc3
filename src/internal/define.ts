/**
 * Registers an element unless its tag is taken, so a page that loads the script twice (or next
 * to an npm copy) keeps working. A different class under the same tag is left in place, with a warning.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element) console.warn(`siteassist-elements: <${tag}> is already defined by another copy; keeping the first.`);
}
