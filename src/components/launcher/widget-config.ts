import type {Project} from '../../api/types.js';
import {httpUrl} from '../../internal/safe-url.js';
import {cssColour, textOn} from '../conversation/brand.js';

export type Position = 'bottom-right' | 'bottom-left';
export const POSITIONS: readonly Position[] = ['bottom-right', 'bottom-left'];

/** The launcher's share of `chatWidgetConfig`, checked and clamped: an odd or missing value gives the default. */
export interface LauncherConfig {
  position: Position | null;
  /** Custom properties (px values and colours) the styles fall back to, unset when the project has none. */
  style: Record<string, string | null>;
  icon: string | null;
  avatar: string | null;
  title: string;
  /** Milliseconds; 0 means never. */
  openDelay: number;
}

/** `value` clamped to [min, max] when it is a finite number; null otherwise. */
const clamp = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : null;

/** `value` in px, clamped; null when it is not a finite number. Units are inferred (the contract says so). */
function px(value: unknown, min: number, max: number): string | null {
  const clamped = clamp(value, min, max);
  return clamped === null ? null : `${clamped}px`;
}

export function launcherConfig(project: Project): LauncherConfig {
  const config = project.chatWidgetConfig;
  const offset = (config.offset ?? {}) as {x?: unknown; y?: unknown};
  const delay = config.openDelay;
  const buttonBg = cssColour(config.chatButtonColor);
  return {
    position: POSITIONS.includes(config.position as Position) ? (config.position as Position) : null,
    style: {
      '--_offset-x': px(offset.x, 0, 200),
      '--_offset-y': px(offset.y, 0, 200),
      '--_width': px(config.width, 280, 800),
      '--_max-height': px(config.maxHeight, 320, 1200),
      '--_button-radius': px(config.bubbleRadius, 0, 64),
      '--_button-bg': buttonBg,
      // The icon reads on the project's colour in either theme (the accent's text colour is for the accent).
      '--_button-color': buttonBg && textOn(buttonBg),
    },
    icon: httpUrl(config.chatButtonIcon),
    avatar: httpUrl(config.assistantAvatar),
    title: config.displayName || project.name,
    openDelay: clamp(delay, 0, 600_000) ?? 0,
  };
}
