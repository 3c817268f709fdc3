/** Colours as a browser paints them, and the contrast of every visible text on what is behind it. */

export type Rgba = [number, number, number, number];
const pixel = document.createElement('canvas').getContext('2d', {willReadFrequently: true})!;

/** Any CSS colour (rgb, oklch, light-dark already resolved…) as the sRGB bytes a browser paints. */
export function rgba(colour: string): Rgba {
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = colour;
  pixel.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];

/** The parent as painting sees it: through slots and out of shadow roots. */
const flatParent = (el: Element): Element | null =>
  el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);

/** The page's canvas in its own colour scheme. */
function canvasColour(): Rgba {
  const probe = document.body.appendChild(Object.assign(document.createElement('div'), {style: 'background: Canvas'}));
  const colour = rgba(getComputedStyle(probe).backgroundColor);
  probe.remove();
  return colour;
}

/** What shows behind an element: its own and its ancestors' backgrounds, down to the canvas. */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = flatParent(node)) {
    const layer = rgba(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return layers.reduceRight((below, layer) => over(layer, below), canvasColour());
}

export const luminance = ([r, g, b]: Rgba) => {
  const [R, G, B] = [r, g, b].map((c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * R + 0.7152 * G + 0.0722 * B;
};
const contrast = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** Every visible text in the elements, with its contrast on what is behind it (disabled controls are exempt in WCAG). */
export function texts(root: Element): Array<{text: string; ratio: number}> {
  const found: Array<{text: string; ratio: number}> = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) {
      let el = (node.parentElement ?? (node.parentNode as ShadowRoot).host) as HTMLElement;
      // A slot's fallback text is painted by the slot's parent (a slot has no box).
      while (el.localName === 'slot') el = flatParent(el) as HTMLElement;
      const box = el.getBoundingClientRect();
      const hidden = box.width <= 1 || box.height <= 1 || el.closest('[disabled], [aria-disabled="true"], [aria-hidden="true"]');
      if (!hidden && el.checkVisibility()) {
        const background = backgroundOf(el);
        found.push({text: node.textContent!.trim(), ratio: contrast(over(rgba(getComputedStyle(el).color), background), background)});
      }
    }
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    node.childNodes.forEach(visit);
  };
  visit(root);
  return found;
}
