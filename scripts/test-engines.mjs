// The three browser engines the suite runs in: where each one's binary is (overridable by an
// environment variable), the Debian packages that install it, and how to read its version.
// web-test-runner.config.mjs launches the one SA_TEST_ENGINE names; scripts/test-browsers.mjs runs them all.
import {execFileSync} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {join} from 'node:path';

// Debian's chromium wrapper script complains on stderr when asked for its version: keep only stdout.
const output = (command, ...args) => execFileSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});

export const engines = {
  chromium: {
    env: 'CHROME_PATH',
    binary: '/usr/bin/chromium',
    packages: ['chromium'],
    version: (binary) => output(binary, '--version').match(/[\d.]+/)[0],
  },
  firefox: {
    env: 'FIREFOX_PATH',
    binary: '/usr/bin/firefox-esr',
    packages: ['firefox-esr'],
    version: (binary) => output(binary, '--version').match(/[\d.]+\w*/)[0],
  },
  // WebKitGTK's MiniBrowser, driven by WebKitWebDriver, on an X display (xvfb-run when there is none).
  webkit: {
    env: 'WEBKIT_DRIVER_PATH',
    binary: '/usr/bin/WebKitWebDriver',
    miniBrowser: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    packages: ['webkit2gtk-driver', 'xvfb', 'xauth'],
    version: () => output('dpkg-query', '-W', '-f=${Version}', 'libwebkit2gtk-4.1-0').replace(/-.*/, ''),
  },
};

export const engineNames = Object.keys(engines);

export const binaryOf = (name) => process.env[engines[name].env] ?? engines[name].binary;

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const onPath = (command) => (process.env.PATH ?? '').split(':').some((dir) => dir && executable(join(dir, command)));

/** Why the engine cannot run here, with the command that fixes it, or null when it can. */
export function missing(name) {
  const engine = engines[name];
  const absent = [binaryOf(name), ...(engine.miniBrowser ? [engine.miniBrowser] : [])].filter((path) => !executable(path));
  // MiniBrowser needs an X display; without one, scripts/test-browsers.mjs starts a virtual one.
  if (name === 'webkit' && !process.env.DISPLAY && !onPath('xvfb-run')) absent.push('xvfb-run');
  if (!absent.length) return null;
  return `${absent.join(' and ')} not found. Install with ` +
    `\`apt-get install -y --no-install-recommends ${engine.packages.join(' ')}\` or set ${engine.env}.`;
}

/** The engine's version as the run prints it ("Firefox 153.8.0esr"), or its name alone when the binary will not say. */
export function versionOf(name) {
  const label = {chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKitGTK'}[name];
  try {
    return `${label} ${engines[name].version(binaryOf(name))}`;
  } catch {
    return label;
  }
}
