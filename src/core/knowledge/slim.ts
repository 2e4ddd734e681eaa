/**
 * What the content script needs to detect mentions: names, titles and who held which office when.
 * Facts, timelines, summaries, seats, parties and sources stay in the background and reach a page only when
 * the reader opens a card. (Sent to every page on load, so every byte here counts.)
 */
import type { Knowledge } from './compile';

export function slimKnowledge(k: Knowledge): Knowledge {
  return {
    ...k,
    offices: k.offices.map((o) => ({ ...o, source: '' })),
    entities: k.entities.map((e) =>
      e.type === 'person'
        ? {
            ...e,
            facts: [],
            summary: '',
            summarySource: '',
            seats: [],
            parties: [],
            tenures: e.tenures.map((t) => ({ office: t.office, from: t.from, to: t.to, source: '' })),
          }
        : { ...e, facts: [], timeline: [], summary: '', summarySource: '' },
    ),
  };
}
