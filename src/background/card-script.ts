/**
 * The card's script, injected into a page's extension world the first time a reader opens a card there
 * (src/ui/card/card.iife.ts; @crxjs/vite-plugin builds it as one self-contained file and this import is its
 * path in the built extension).
 */
// eslint-disable-next-line no-restricted-imports -- only the built file's path, not UI code in the background
import cardScript from '../ui/card/card.iife.ts?iife';

export const CARD_SCRIPT = cardScript;
