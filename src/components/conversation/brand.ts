import type {Project} from '../../api/types.js';

/** Black or white, whichever reads better on an opaque `colour` (WCAG relative luminance); null when unknown. */
export function textOn(colour: string): string | null {
  // Project colours are mostly #rrggbb, read as they are (`colour` is a valid CSS colour, so six
  // characters after # can only be that): a page's first canvas context costs 1–9 ms.
  let hex = /^#(..)(..)(..)$/.exec(colour);
  if (!hex) {
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return null;
    context.fillStyle = colour;
    // Canvas normalises any opaque CSS colour to #rrggbb (and translucent ones to rgba(), left alone).
    hex = /^#(..)(..)(..)$/.exec(context.fillStyle);
  }
  if (!hex) return null;
  const [r, g, b] = hex.slice(1).map((channel) => {
    const value = parseInt(channel, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#000' : '#fff';
}

/** `value` when it is a valid CSS colour, else null. */
export const cssColour = (value: unknown) => (typeof value === 'string' && CSS.supports('color', value) ? value : null);

/** Sets the custom property `name` on `host`, or removes it when `value` is empty. */
export const setStyle = (host: HTMLElement, name: string, value: string | null | undefined) =>
  value ? host.style.setProperty(name, value) : host.style.removeProperty(name);

/**
 * The project's colours as the element's defaults (private properties set through CSSOM, which a
 * strict CSP allows), each only when it is a valid colour. Page CSS (`--sa-*`) still wins.
 */
export function applyBrand(host: HTMLElement, {chatWidgetConfig: config}: Project): void {
  const bubble = cssColour(config.userMessageBubbleColor);
  const bubbleDark = cssColour(config.userMessageBubbleColorDark);
  setStyle(host, '--_brand', cssColour(config.brandColor));
  setStyle(host, '--_brand-dark', cssColour(config.brandColorDark));
  setStyle(host, '--_user-bubble', bubble);
  setStyle(host, '--_user-bubble-dark', bubbleDark);
  setStyle(host, '--_user-bubble-text', bubble && textOn(bubble));
  setStyle(host, '--_user-bubble-text-dark', bubbleDark && textOn(bubbleDark));
}
