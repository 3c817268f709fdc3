// Runs the browser suite in Chromium, Firefox and WebKit, one engine after the other (each run has its
// own emulators), then prints one line per engine ("firefox: 413 passed, 0 failed (Firefox 153.8.0esr, 95 s)")
// and fails when any engine failed. Arguments go to every web-test-runner run (e.g. --files test/x.test.ts).
// SA_TEST_ENGINES=firefox,webkit picks engines; SA_TEST_SLOWEST=5 lists each engine's five slowest files. A missing engine is named with the command that installs it;
// on a developer's machine the others still run, under CI=true it fails the run.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {engineNames, missing, versionOf} from './test-engines.mjs';

const chosen = process.env.SA_TEST_ENGINES?.split(',').map((name) => name.trim()) ?? engineNames;
const unknown = chosen.filter((name) => !engineNames.includes(name));
if (unknown.length) {
  console.error(`SA_TEST_ENGINES: unknown ${unknown.join(', ')} (known: ${engineNames.join(', ')})`);
  process.exit(2);
}
const ci = process.env.CI === 'true' || process.env.CI === '1';
const dir = mkdtempSync(join(tmpdir(), 'sa-test-browsers-'));

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {stdio: 'inherit', env: {...process.env, ...env}});
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const lines = [];
let failed = false;
for (const name of chosen) {
  const absent = missing(name);
  if (absent) {
    lines.push(`${name}: not run${ci ? ', which fails under CI' : ''}: ${absent}`);
    failed ||= ci;
    continue;
  }
  const summary = join(dir, `${name}.json`);
  const env = {SA_TEST_ENGINE: name, SA_TEST_SUMMARY: summary};
  const wtr = ['node_modules/.bin/wtr', ...process.argv.slice(2)];
  // MiniBrowser needs an X display: a virtual one when the machine has none.
  const [command, args] = name === 'webkit' && !process.env.DISPLAY ? ['xvfb-run', ['-a', ...wtr]] : [wtr[0], wtr.slice(1)];
  console.log(`\n== ${name} (${versionOf(name)}) ==`);
  const started = Date.now();
  const code = await run(command, args, env);
  const seconds = Math.round((Date.now() - started) / 1000);
  let counts;
  try {
    counts = JSON.parse(readFileSync(summary, 'utf8'));
  } catch {
    counts = null;
  }
  if (code !== 0 || !counts || counts.failed > 0) failed = true;
  const result = counts
    ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
    : `did not finish (exit ${code})`;
  lines.push(`${name}: ${result} (${versionOf(name)}, ${seconds} s)`);
  if (process.env.SA_TEST_SLOWEST && counts?.files) {
    const slowest = Object.entries(counts.files).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.SA_TEST_SLOWEST));
    for (const [file, ms] of slowest) console.log(`  ${(ms / 1000).toFixed(1)} s  ${relative(process.cwd(), file)}`);
  }
}
rmSync(dir, {recursive: true, force: true});

console.log('');
for (const line of lines) console.log(line);
process.exit(failed ? 1 : 0);
