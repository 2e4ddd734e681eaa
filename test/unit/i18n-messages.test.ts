/**
 * Every string of the popup and the options page comes from public/_locales/en/messages.json: each key the
 * code asks for exists, each $PLACEHOLDER$ is declared, and no English text is written into the JSX.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const messages = JSON.parse(readFileSync(resolve(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;
const sources = ['src/popup/Popup.tsx', 'src/popup/main.tsx', 'src/options/Options.tsx', 'src/options/main.tsx'].map((f) => ({
  file: f,
  text: readFileSync(resolve(root, f), 'utf8'),
}));

describe('messages.json', () => {
  it('has every key the popup and the options page ask for', () => {
    const keys = new Set<string>();
    for (const { text } of sources) {
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
      // Keys chosen from tables: GROUPS labels, DATE_SOURCE_KEY values, `optionsType_${type}`.
      for (const m of text.matchAll(/(?:label|: )'((?:popup|dateSource|options)[A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
      if (text.includes('optionsType_${type}')) for (const type of ['person', 'organisation', 'place']) keys.add(`optionsType_${type}`);
    }
    expect(keys.size).toBeGreaterThan(60);
    expect([...keys].filter((k) => !messages[k])).toEqual([]);
  });

  it('declares every placeholder it uses, each with a description', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(m.description, key).toBeTruthy();
      for (const [, name] of m.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) expect(m.placeholders?.[name!.toLowerCase()], `${key}: $${name}$`).toBeDefined();
    }
  });

  it('leaves no English text in the JSX of the popup and the options page', () => {
    for (const { file, text } of sources) {
      const literal = [...text.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'’-]{2,})\s*<[/a-z]/g)].map((m) => m[1]);
      expect(literal, file).toEqual([]);
    }
  });
});
