/** The knowledge the background serves: the bundled knowledge base, compiled and validated at build time. */
import bundled from 'virtual:backstory-knowledge';
import { createDetector, type Detector } from '../core/detect/index';
import { KnowledgeBase } from '../core/knowledge/query';
import type { Knowledge } from '../core/knowledge/compile';

interface Served {
  kb: KnowledgeBase;
  /** Compiled on first use (a page asking for detection), then kept until the knowledge changes. */
  readonly detector: Detector;
}

let current: Served | null = null;

function serve(k: Knowledge): Served {
  const kb = new KnowledgeBase(k);
  let detector: Detector | undefined;
  return {
    kb,
    get detector() {
      detector ??= createDetector(kb);
      return detector;
    },
  };
}

export function knowledge(): Served {
  current ??= serve(bundled);
  return current;
}

/** Compile the detector soon (in a task of its own) if it is not compiled yet, so the first request finds it ready. */
export function warmDetector(): void {
  setTimeout(() => void knowledge().detector, 0);
}

/** Replace the served knowledge (after a refresh merged newer tenures over the bundled data). */
export function setKnowledge(k: Knowledge): void {
  current = serve(k);
}

export function bundledKnowledge(): Knowledge {
  return bundled;
}
