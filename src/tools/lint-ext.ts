/**
 * `npm run lint:ext`: web-ext lint (Mozilla's addons-linter) on the Firefox build. Fails on any error and on
 * any warning except the ones explained here and in the README:
 * - UNSAFE_VAR_ASSIGNMENT in preact's DOM diff: preact assigns innerHTML only for `dangerouslySetInnerHTML`,
 *   which Backstory never uses (a lint rule forbids it: see src/tools/eslint.config.js), and to clear an
 *   element with an empty string. No data ever reaches innerHTML.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Message {
  code: string;
  message: string;
  file?: string;
}

const dir = process.argv[2] ?? 'dist/firefox';
let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--self-hosted', '--output', 'json'], { encoding: 'utf8' });
} catch (err) {
  out = (err as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out.slice(out.indexOf('{'))) as { errors: Message[]; warnings: Message[]; notices: Message[] };

const explained = (w: Message): boolean =>
  w.code === 'UNSAFE_VAR_ASSIGNMENT' &&
  !!w.file &&
  /dangerouslySetInnerHTML/.test(readFileSync(join(dir, w.file), 'utf8'));

const unexplained = report.warnings.filter((w) => !explained(w));
for (const m of [...report.errors, ...unexplained]) console.error(`${m.code}: ${m.message} (${m.file ?? ''})`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexplained.length} explained), ${report.notices.length} notices`);
if (report.errors.length || unexplained.length) process.exit(1);
