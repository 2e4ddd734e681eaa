/**
 * The content script detects with the slim knowledge the background sends it: it must find exactly what
 * the full knowledge base finds, on every annotated fixture text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAll } from '../../src/core/detect';
import { slimKnowledge } from '../../src/core/knowledge/slim';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { loadKnowledge } from '../../src/knowledge/load-node';

const full = loadKnowledge();
const fullKb = new KnowledgeBase(full);
const slimKb = new KnowledgeBase(slimKnowledge(full));
const dirs = ['test/fixtures/detect', 'test/fixtures/gold/articles'];
const texts = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => join(d, f)));

describe('slim knowledge for the content script', () => {
  it('is much smaller than the full knowledge base', () => {
    expect(JSON.stringify(slimKnowledge(full)).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it.each(texts)('finds the same mentions as the full knowledge base in %s', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const date of ['2013-06-01', '2024-10-10', '2026-03-04']) {
      expect(detectAll(slimKb, text, date)).toEqual(detectAll(fullKb, text, date));
    }
  });
});
