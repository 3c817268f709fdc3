/** How long a copy button says it copied. */
const COPIED_MS = 2_000;

/** Labels saying "Copied" now: the timer that turns each back, and whether it was visually hidden before. */
const saying = new WeakMap<HTMLElement, {timer: ReturnType<typeof setTimeout>; hidden: boolean}>();

/**
 * The one copy feedback (a code block's button, a reply's): copies `text`, then `label` reads
 * `copied` for a moment, shown even where it is otherwise visually hidden (an icon button's
 * name), then `copy` again. Without clipboard access (permissions, an insecure page) nothing
 * changes: there is nothing else to offer. Bind the label's text as a property
 * (`.textContent=${copy}`), never as a child part: this replaces it.
 */
export async function copyWithFeedback(label: HTMLElement, text: string, copy: string, copied: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return;
  }
  const earlier = saying.get(label);
  clearTimeout(earlier?.timer);
  const hidden = earlier ? earlier.hidden : label.classList.contains('visually-hidden');
  label.textContent = copied;
  label.classList.remove('visually-hidden');
  const timer = setTimeout(() => {
    saying.delete(label);
    label.textContent = copy;
    label.classList.toggle('visually-hidden', hidden);
  }, COPIED_MS);
  saying.set(label, {timer, hidden});
}
