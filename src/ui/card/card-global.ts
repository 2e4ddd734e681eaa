/**
 * How the card's separately injected script hands its entry point to the content script. The two run in the
 * same extension world of the page (Chrome's isolated world, Firefox's content-script sandbox), whose global
 * object the page's own scripts cannot see or write, so a property of it is a private channel.
 */
import type { mountCard } from './mount';

export const CARD_GLOBAL = '__backstoryCard';

export interface CardModule {
  mountCard: typeof mountCard;
}

/** The card module if its script has run in this world, else null. */
export function installedCard(): CardModule | null {
  const mod = (globalThis as Record<string, unknown>)[CARD_GLOBAL] as Partial<CardModule> | undefined;
  return mod && typeof mod.mountCard === 'function' ? (mod as CardModule) : null;
}
