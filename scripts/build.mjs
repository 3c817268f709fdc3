// Builds the npm ESM output with types (tsc), the CDN script (rollup) and the custom elements
// manifest (from the JSDoc), then prints the script's sizes and SRI hash and fails when it is
// over the size budget.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readFileSync, rmSync} from 'node:fs';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

const BUDGET_GZIP_BYTES = 40_000;
const GOAL_GZIP_BYTES = 25_000;
const script = 'dist/siteassist-elements.js';

const run = (command, ...args) => execFileSync(command, args, {stdio: 'inherit'});

rmSync('dist', {recursive: true, force: true});
run('npx', 'tsc', '-p', 'tsconfig.json');
run('npx', 'rollup', '-c', '--silent');
run('npx', 'cem', 'analyze', '--litelement', '--quiet', '--globs', 'src/**/*.ts', '--exclude', 'src/api/schema.ts');
run('node', 'scripts/framework-types.mjs');

const bytes = readFileSync(script);
const gzip = gzipSync(bytes, {level: 9}).length;
const brotli = brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length;
const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
console.log(`${script}: ${bytes.length} bytes, ${gzip} gzip, ${brotli} brotli (budget ${BUDGET_GZIP_BYTES} gzip, goal ${GOAL_GZIP_BYTES})`);
console.log(`integrity="${integrity}"`);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(`Size budget exceeded: ${gzip} bytes gzip > ${BUDGET_GZIP_BYTES}.`);
  process.exit(1);
}
