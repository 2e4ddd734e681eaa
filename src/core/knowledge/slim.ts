/**
 * What the content script needs to detect mentions: names, titles and tenures. Facts, timelines and
 * summaries stay in the background and reach a page only when the reader opens a card.
 */
import type { Knowledge } from './compile';

export function slimKnowledge(k: Knowledge): Knowledge {
  return {
    ...k,
    entities: k.entities.map((e) =>
      e.type === 'person'
        ? { ...e, facts: [], summary: '', summarySource: '' }
        : { ...e, facts: [], timeline: [], summary: '', summarySource: '' },
    ),
  };
}
