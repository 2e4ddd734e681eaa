/**
 * The detection engine as the feed refresh needs it: the entity ids a title + summary mention, and
 * which of them Backstory highlights (people, and organisations/places with scope `core`; "distinct"
 * entities such as Hitachi Energy are recognised only so that they are never mistaken for a core one).
 */
import { createDetector } from '../../core/detect/index';
import type { KnowledgeBase } from '../../core/knowledge/query';

export interface FeedDetector {
  detect(text: string, date: string): string[];
  isCore(entityId: string): boolean;
}

export function feedDetector(kb: KnowledgeBase): FeedDetector {
  const detector = createDetector(kb);
  return {
    detect: (text, date) => detector.detect(text, detector.newContext(date)).map((m) => m.entity),
    isCore: (id) => {
      const e = kb.entity(id);
      return e !== undefined && (e.type === 'person' || e.scope === 'core');
    },
  };
}
