/**
 * Where the real browsers are, and installing them when they are missing (Debian: apt-get, as root).
 * Used by `npm start`, the end-to-end tests and the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

function find(list: string[], env: string | undefined): string | undefined {
  if (env && existsSync(env)) return env;
  return list.find((p) => existsSync(p));
}

export function chromiumPath(): string {
  const p = find(CHROMIUM, process.env.BACKSTORY_CHROMIUM);
  if (!p) throw new Error('Chromium is not installed. Run `npm run browsers` (apt-get install chromium) or set BACKSTORY_CHROMIUM.');
  return p;
}

export function firefoxPath(): string {
  const p = find(FIREFOX, process.env.BACKSTORY_FIREFOX);
  if (!p) throw new Error('Firefox is not installed. Run `npm run browsers` (apt-get install firefox-esr) or set BACKSTORY_FIREFOX.');
  return p;
}

/** Installs whichever of chromium and firefox-esr is missing. Throws a clear message when it cannot. */
export function ensureBrowsers(which: ('chromium' | 'firefox')[] = ['chromium', 'firefox']): void {
  const missing: string[] = [];
  if (which.includes('chromium') && !find(CHROMIUM, process.env.BACKSTORY_CHROMIUM)) missing.push('chromium');
  if (which.includes('firefox') && !find(FIREFOX, process.env.BACKSTORY_FIREFOX)) missing.push('firefox-esr');
  if (!missing.length) return;
  const canApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (!canApt) {
    throw new Error(
      `Missing browser(s): ${missing.join(', ')}. Install them yourself (Debian/Ubuntu: sudo apt-get install ${missing.join(' ')}), ` +
        'or point BACKSTORY_CHROMIUM / BACKSTORY_FIREFOX at the executables.',
    );
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  } catch (err) {
    throw new Error(`apt-get could not install ${missing.join(', ')}: ${String(err)}`, { cause: err });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  try {
    ensureBrowsers();
    console.log(`chromium: ${chromiumPath()}\nfirefox: ${firefoxPath()}`);
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
