import { describe, expect, it } from 'vitest';
import { compileKnowledge, KnowledgeError } from '../../src/core/knowledge/compile';

describe('compileKnowledge', () => {
  it('rejects a file whose name does not match its id, naming the file', () => {
    expect(() =>
      compileKnowledge([
        { path: 'meta.json', data: { knowledgeAsOf: '2026-11-25' } },
        {
          path: 'places/wrong-name.json',
          data: {
            id: 'newton-aycliffe', type: 'place', name: 'Newton Aycliffe', aliases: [], scope: 'core',
            summary: 'A town.', summarySource: 'https://example.org/', facts: [], timeline: [], related: [],
          },
        },
      ]),
    ).toThrow(KnowledgeError);
  });
});
