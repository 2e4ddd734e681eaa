/**
 * `npm run package`: store-ready zips for both browsers in web-ext-artifacts/. The store flavour
 * (BACKSTORY_STORE=1) leaves out the 127.0.0.1 match that the demo and the tests need.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
for (const browser of ['chrome', 'firefox'] as const) {
  execFileSync('npx', ['vite', 'build', '--mode', browser, '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, BACKSTORY_STORE: '1' },
  });
  const dir = `dist/${browser}-store`;
  const manifest = readFileSync(`${dir}/manifest.json`, 'utf8');
  if (manifest.includes('127.0.0.1')) throw new Error(`${dir}/manifest.json still matches 127.0.0.1`);
  execFileSync(
    'npx',
    ['web-ext', 'build', '--source-dir', dir, '--artifacts-dir', 'web-ext-artifacts', '--filename', `backstory-${browser}-${version}.zip`, '--overwrite-dest'],
    { stdio: 'inherit' },
  );
}
console.log('Packages written to web-ext-artifacts/');
