/** The feed refresh with the real detection engine and knowledge base on the fixture feeds. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { KnowledgeBase } from '../../src/core/knowledge/query';
import { feedDetector } from '../../src/background/feeds/detect';
import { createFeedService } from '../../src/background/feeds/service';
import { MemoryCoverageStore } from '../../src/background/coverage/store';
import { createCoverageService } from '../../src/background/coverage/service';

const kb = new KnowledgeBase(loadKnowledge());

describe('feeds with the detection engine', () => {
  it('keeps the Hitachi Rail and minister stories and drops Hitachi Energy and unrelated ones', async () => {
    const store = new MemoryCoverageStore();
    const coverage = createCoverageService({ store });
    const d = feedDetector(kb);
    const feeds = createFeedService({
      meta: store,
      addItems: (items) => coverage.addFeedItems(items),
      detect: d.detect,
      isCore: d.isCore,
      fetchText: async (url) => readFileSync(`test/fixtures/feeds/${url.split('/').pop()}`, 'utf8'),
    });
    const results = await feeds.refresh(['https://feeds.example.test/rss2.xml', 'https://feeds.example.test/atom.xml']);
    expect(results.every((r) => r.ok)).toBe(true);
    const byTitle = new Map((await store.all()).map((i) => [i.title, i.entities]));
    expect(byTitle.get("Talks continue over the future of Hitachi Rail's Newton Aycliffe factory")).toEqual(
      expect.arrayContaining(['hitachi-rail', 'newton-aycliffe']),
    );
    expect(byTitle.get('Hitachi Rail warns of job losses at Newton Aycliffe')).toEqual(expect.arrayContaining(['hitachi-rail', 'newton-aycliffe']));
    expect(byTitle.get('Heidi Alexander visits rail depot')).toContain('heidi-alexander');
    expect(byTitle.has('Hitachi Energy opens a new office')).toBe(false);
    expect(byTitle.has('Council approves new cycle lanes')).toBe(false);
    expect(byTitle.has('Markets close higher')).toBe(false);
    for (const entities of byTitle.values()) expect(entities.every((id) => d.isCore(id))).toBe(true);
  });
});
