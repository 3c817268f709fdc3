/**
 * The visitor's display preferences (forced colors, reduced motion, the OS colour scheme), emulated by
 * the browser through the `emulate-media-features` command of web-test-runner.config.mjs: CDP in
 * Chromium, preferences in Firefox. WebKitGTK can change none of them while it runs: there the command
 * answers false and tests that need it say so and skip.
 */
import {executeServerCommand} from '@web/test-runner-commands';
import {waitUntil} from './dom.js';

export type MediaFeature = {name: 'forced-colors' | 'prefers-reduced-motion' | 'prefers-color-scheme'; value: string};

/**
 * Sets these features and lifts every other override; `[]` lifts them all. Resolves once the page's
 * media queries match what was set (Firefox applies a preference to its pages a moment later).
 */
export async function emulateMedia(features: MediaFeature[]): Promise<boolean> {
  const emulated = await executeServerCommand<boolean, MediaFeature[]>('emulate-media-features', features);
  if (emulated) {
    const query = features.map(({name, value}) => `(${name}: ${value})`).join(' and ');
    if (query) await waitUntil(() => matchMedia(query).matches, `the page to match ${query}`);
  }
  return emulated;
}

const engineEmulates = await emulateMedia([]);

/** A test that needs emulated display preferences, skipped with the reason where the engine has none. */
export const itEmulated = (name: string, test: () => Promise<void>) =>
  engineEmulates ? it(name, test) : it.skip(`${name} (skipped: WebKitGTK cannot emulate display preferences while running)`, test);
