#!/usr/bin/env node
/**
 * Runs the SiteAssist v2 emulator until SIGINT or SIGTERM. See emulator/README.md.
 *
 *   node emulator/cli.mjs [--port 8787] [--memory | --data-dir .emulator-data] [--key pk_x]...
 *     [--origin http://localhost:5173]... [--pace-ms 25] [--rate-limit 20/60 | --rate-limit off] [--log]
 *
 * SA_EMULATOR_KEYS (comma-separated) adds keys.
 */
import {parseArgs} from 'node:util';
import {CorruptStateError} from './persistence.mjs';
import {startEmulator} from './server.mjs';

const USAGE = 'Usage: node emulator/cli.mjs [--port N] [--memory | --data-dir DIR] [--key pk_x]... [--origin URL]... ' +
  '[--pace-ms N] [--rate-limit N/SECONDS | off] [--log]';

/** @param {string} message */
function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** @param {string} name @param {string} value */
function nonNegativeInteger(name, value) {
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, not "${value}".`);
  return Number(value);
}

/** "20/60" → {messages: 20, windowSeconds: 60}; "off" → null */
function parseRateLimit(value) {
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) fail(`--rate-limit must look like 20/60 or be "off", not "${value}".`);
  return {messages: Number(match[1]), windowSeconds: Number(match[2])};
}

let values;
try {
  ({values} = parseArgs({options: {
    port: {type: 'string', default: '8787'},
    memory: {type: 'boolean', default: false},
    'data-dir': {type: 'string', default: '.emulator-data'},
    key: {type: 'string', multiple: true, default: []},
    origin: {type: 'string', multiple: true},
    'pace-ms': {type: 'string', default: '25'},
    'rate-limit': {type: 'string', default: '20/60'},
    log: {type: 'boolean', default: false},
    help: {type: 'boolean', default: false},
  }}));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const envKeys = (process.env.SA_EMULATOR_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
const givenKeys = [...new Set([...values.key, ...envKeys])];
const keys = givenKeys.length ? givenKeys : ['pk_demo'];

let emulator;
try {
  emulator = await startEmulator({
    port: nonNegativeInteger('port', values.port),
    keys,
    dataDir: values.memory ? null : values['data-dir'],
    allowedOrigins: values.origin ?? null,
    paceMs: nonNegativeInteger('pace-ms', values['pace-ms']),
    rateLimit: parseRateLimit(values['rate-limit']),
    log: values.log,
  });
} catch (error) {
  console.error(error instanceof CorruptStateError ? error.message : error);
  process.exit(1);
}

console.log(`SiteAssist v2 emulator: ${emulator.apiUrl}`);
console.log(`Keys: ${keys.join(', ')}`);
console.log(values.memory ? 'Data: in memory' : `Data: ${values['data-dir']}/state.json`);
console.log('Stop with Ctrl+C.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await emulator.close();
    process.exit(0);
  });
}
