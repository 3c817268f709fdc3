import type {ReactiveElement} from 'lit';

/** The element a `for` attribute names, looked up like `<label for>`: in the host's own tree first, then the document. */
export function forTarget<T extends Element = ReactiveElement>(host: Element, id: string | undefined): T | null {
  if (!id) return null;
  const root = host.getRootNode() as Document | ShadowRoot;
  return (root.getElementById?.(id) ?? document.getElementById(id)) as T | null;
}
