/** browser.i18n over the real public/_locales/en/messages.json, for DOM tests of components that use t(). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const MESSAGES = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Messages;

export function getMessage(key: string, subs?: string | string[]): string {
  const m = MESSAGES[key];
  if (!m) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const withPlaceholders = m.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => m.placeholders?.[name.toLowerCase()]?.content ?? '');
  return withPlaceholders.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
}
