/**
 * The bundled archive (src/archive/coverage.json) must be valid before it is seeded into the index:
 * this test fails with the list of problems when it is not.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../../src/knowledge/load-node';
import { ArchiveError, archiveToItems, archiveVersion, validateArchive } from '../../src/core/coverage/archive';
import { relatedCoverage } from '../../src/core/coverage/query';

const raw = JSON.parse(readFileSync('src/archive/coverage.json', 'utf8'));
const kb = loadKnowledge();
const known = new Set(kb.entities.map((e) => e.id));

describe('the bundled archive', () => {
  it('is valid: schema, one item per story, known entities, no future dates', () => {
    let problems: string[] = [];
    try {
      validateArchive(raw, { knownEntities: known, today: new Date().toISOString().slice(0, 10) });
    } catch (e) {
      if (!(e instanceof ArchiveError)) throw e;
      problems = e.problems;
    }
    expect(problems, `src/archive/coverage.json:\n${problems.join('\n')}`).toEqual([]);
  });

  it('gives the Hitachi card earlier coverage for the 2024 talks article', () => {
    const archive = validateArchive(raw, { knownEntities: known });
    const items = archiveToItems(archive, 0);
    const related = relatedCoverage(items, 'hitachi-rail', {
      url: 'https://www.thenorthernecho.co.uk/news/24580000.demo/',
      date: '2024-09-12',
      entities: ['hitachi-rail', 'newton-aycliffe'],
    });
    expect(related.length).toBeGreaterThanOrEqual(5);
    expect(related.every((r) => r.published < '2024-09-12' && r.entities.includes('hitachi-rail'))).toBe(true);
    expect(archiveVersion(archive)).toBe(archiveVersion(validateArchive(raw)));
  });
});

describe('validateArchive', () => {
  const good = { url: 'https://www.example.co.uk/a', title: 'A', outlet: 'Example', published: '2020-01-01', entities: ['hitachi-rail'], checked: '2026-11-25' };

  it('lists every problem with where it is', () => {
    const bad = {
      items: [
        good,
        { ...good, url: 'http://m.example.co.uk/a/?utm_source=x' },
        { ...good, url: 'https://www.example.co.uk/b', entities: ['no-such-entity'] },
        { ...good, url: 'https://www.example.co.uk/c', published: '2030-01-01', checked: '2030-01-02' },
      ],
    };
    try {
      validateArchive(bad, { knownEntities: new Set(['hitachi-rail']), today: '2026-11-25' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ArchiveError);
      expect((e as ArchiveError).problems).toEqual([
        'items.1: same story as items.0 (https://example.co.uk/a)',
        'items.2: unknown entity id "no-such-entity" (https://www.example.co.uk/b)',
        'items.3: published 2030-01-01 is in the future',
        'items.3: checked 2030-01-02 is in the future',
      ]);
    }
  });

  it('rejects schema violations: javascript: links, missing fields, bad dates', () => {
    expect(() => validateArchive({ items: [{ ...good, url: 'javascript:alert(1)' }] })).toThrow(/items\.0\.url: must be an absolute http\(s\) URL/);
    expect(() => validateArchive({ items: [{ ...good, published: '2020-02-30' }] })).toThrow(/items\.0\.published/);
    expect(() => validateArchive({ items: [{ ...good, extra: 1 }] })).toThrow(ArchiveError);
    expect(() => validateArchive({ items: [{ ...good, entities: [] }] })).toThrow(/at least one entity/);
    expect(() => validateArchive([])).toThrow(ArchiveError);
  });
});
