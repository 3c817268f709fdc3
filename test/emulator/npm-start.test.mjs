/**
 * `npm start` (scripts/start.mjs, which runs the emulator and the demo) when its ports are taken:
 * it names the port and the variable that chooses another, or takes the next free port and says so;
 * never a Node stack trace. Here beside the emulator's own tests, which `npm test` runs with node --test.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {createServer} from 'node:net';
import {after, describe, test} from 'node:test';

/** Holds a loopback port, as another program would; resolves null when something already holds it. */
function occupy(port = 0) {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(null)).listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Runs scripts/start.mjs until `done(stdout)` or its exit; stops it if still running. */
function start(env, done = () => false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {env: {...process.env, SA_DEMO_PORT: undefined, SA_EMULATOR_PORT: undefined, ...env}});
    let stdout = '';
    let stderr = '';
    const finish = (code) => resolve({code, stdout, stderr});
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (done(stdout)) {
        child.once('exit', () => finish('stopped'));
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', finish);
  });
}

const noStackTrace = (text) => assert.doesNotMatch(text, /^\s+at .+:\d+:\d+\)?$/m, text);

describe('npm start with a port taken', () => {
  const held = [];
  after(() => held.forEach((server) => server?.close()));

  test('a taken SA_DEMO_PORT: says which port and how to choose another, exits 1', async () => {
    const server = await occupy();
    held.push(server);
    const {port} = server.address();
    const {code, stdout, stderr} = await start({SA_DEMO_PORT: String(port), SA_EMULATOR_PORT: '0'});
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`Port ${port} \\(SA_DEMO_PORT\\) is taken`));
    assert.match(stderr, /SA_DEMO_PORT=<port> npm start/);
    noStackTrace(stdout + stderr);
  });

  test('a taken SA_EMULATOR_PORT is named the same way', async () => {
    const server = await occupy();
    held.push(server);
    const {port} = server.address();
    const {code, stderr} = await start({SA_EMULATOR_PORT: String(port), SA_DEMO_PORT: '0'});
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`Port ${port} \\(SA_EMULATOR_PORT\\) is taken`));
    noStackTrace(stderr);
  });

  test('the usual demo port taken (8000): takes the next free one and prints it', async () => {
    held.push(await occupy(8000)); // null when another program holds it already: taken either way
    const {stdout, stderr} = await start({SA_EMULATOR_PORT: '0'}, (out) => out.includes('Press Ctrl+C'));
    const demoUrl = /Demo: +(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(stdout);
    assert.ok(demoUrl, stdout + stderr);
    assert.notEqual(demoUrl[2], '8000');
    assert.match(stdout, new RegExp(`Port 8000 is taken, so the demo uses ${demoUrl[2]}`));
    noStackTrace(stdout + stderr);
  });
});
