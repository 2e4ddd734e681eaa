/**
 * The development-build switch that points the coverage engine at test servers (storage.local
 * `devEndpoints`): only http://127.0.0.1 is taken, so nothing stored can send the knowledge refresh
 * anywhere else, and a silly timeout is ignored.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/platform/browser', () => ({ browser: {} }));

const { readDevEndpoints } = await import('../../src/background/coverage-bridge');

describe('devEndpoints', () => {
  it('takes a SPARQL endpoint on 127.0.0.1 and a feed timeout', () => {
    expect(readDevEndpoints({ sparql: 'http://127.0.0.1:8123/sparql', feedTimeoutMs: 2000 })).toEqual({
      sparql: 'http://127.0.0.1:8123/sparql',
      feedTimeoutMs: 2000,
    });
  });

  it('ignores any other address, including look-alikes of 127.0.0.1', () => {
    for (const sparql of [
      'https://query.wikidata.org/sparql',
      'http://localhost:8123/sparql',
      'http://127.0.0.2/sparql',
      'http://127.0.0.1.evil.example/sparql',
      'http://127.0.0.1@evil.example/sparql',
      'https://127.0.0.1/sparql',
      'javascript:alert(1)//127.0.0.1/',
    ]) {
      expect(readDevEndpoints({ sparql }), sparql).toEqual({});
    }
  });

  it('ignores timeouts that are not a whole number of ms between 100 ms and 60 s, and junk', () => {
    for (const feedTimeoutMs of [0, 50, 60_001, 1.5, Number.NaN, '2000']) {
      expect(readDevEndpoints({ feedTimeoutMs }), String(feedTimeoutMs)).toEqual({});
    }
    for (const raw of [undefined, null, 'http://127.0.0.1/', 42, []]) expect(readDevEndpoints(raw)).toEqual({});
  });
});
