/**
 * The emulator's state on disk: one JSON file, replaced atomically so a crash mid-write never
 * leaves half a file, and never overwritten when it cannot be read.
 */
import {mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

export const STATE_VERSION = 1;

/** The state file could not be read; the emulator refuses to start rather than lose it. */
export class CorruptStateError extends Error {
  /**
   * @param {string} file
   * @param {string} problem
   */
  constructor(file, problem) {
    super(`The emulator's data file ${file} is unreadable (${problem}). It was left untouched: ` +
      'fix or delete it, or start with --memory or another --data-dir.');
    this.name = 'CorruptStateError';
    this.file = file;
  }
}

/** @param {string} dataDir */
export const stateFileIn = (dataDir) => join(dataDir, 'state.json');

/**
 * The saved state, or null when there is none yet.
 * @param {string} file
 * @throws {CorruptStateError}
 */
export async function loadState(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
  let state;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new CorruptStateError(file, `not JSON: ${error.message}`);
  }
  const collections = ['visitors', 'sessions', 'conversations'];
  if (state?.version !== STATE_VERSION || collections.some((name) => typeof state[name] !== 'object' || state[name] === null)) {
    throw new CorruptStateError(file, `expected {version: ${STATE_VERSION}, ${collections.join(', ')}}`);
  }
  return state;
}

/**
 * Writes to a temporary file beside the target, then renames it over the target.
 * @param {string} file
 * @param {unknown} state
 */
export async function saveState(file, state) {
  await mkdir(join(file, '..'), {recursive: true});
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state));
  await rename(temporary, file);
}
