// `npm start`: the emulator and the demo, until Ctrl+C.
import {createServer} from 'node:net';
import {startDemo} from './demo-server.mjs';

const HOST = '127.0.0.1';
/** How many ports after the usual one are tried when it is taken. */
const TRIES = 20;

/** Says what is wrong and how to fix it, without a stack trace, and exits. */
function fail(message) {
  console.error(message);
  process.exit(1);
}

/** @param {number} port */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

/**
 * The port for `what`: the one the environment variable names (which must be free), or the usual one,
 * or the next free one after it (said out loud).
 */
async function portFor(what, variable, usual) {
  const given = process.env[variable];
  if (given !== undefined) {
    const port = Number(given);
    if (!/^\d+$/.test(given) || port > 65535) fail(`${variable}="${given}" is not a port number (0–65535; 0 picks any free port).`);
    if (port && !(await isFree(port))) {
      fail(`Port ${port} (${variable}) is taken on ${HOST}. Stop what uses it, or choose another: ${variable}=<port> npm start`);
    }
    return port;
  }
  for (let port = usual; port < usual + TRIES; port++) {
    if (!(await isFree(port))) continue;
    if (port !== usual) console.log(`Port ${usual} is taken, so the ${what} uses ${port} (set ${variable} to choose one).`);
    return port;
  }
  return fail(`Ports ${usual}–${usual + TRIES - 1} are all taken on ${HOST}. Choose a free one: ${variable}=<port> npm start`);
}

const apiPort = await portFor('emulator', 'SA_EMULATOR_PORT', 8787);
const demoPort = await portFor('demo', 'SA_DEMO_PORT', 8000);
let demo;
try {
  demo = await startDemo({apiPort, demoPort});
} catch (error) {
  const taken = error?.code === 'EADDRINUSE' ? ` Port ${error.port} was taken just now: run npm start again, or set SA_DEMO_PORT / SA_EMULATOR_PORT.` : '';
  fail(`npm start could not start the demo: ${error?.message ?? error}.${taken}`);
}
console.log(`SiteAssist emulator: ${demo.emulator.apiUrl} (publishable key pk_demo)`);
console.log(`Demo:                ${demo.demoUrl}`);
console.log(`Launcher (one line): ${demo.demoUrl}launcher.html`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await demo.close();
    process.exit(0);
  });
}
