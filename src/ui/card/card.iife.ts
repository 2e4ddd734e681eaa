/**
 * The card's UI (preact, @floating-ui/dom, the card's styles) as one self-contained script, kept out of the
 * content script that runs on every page. The background injects it into the page's extension world the
 * first time a reader opens a card there (content message `content/load-card`); it registers the card's
 * entry point on that world's global object (see card-global.ts).
 */
import { CARD_GLOBAL, type CardModule } from './card-global';
import { mountCard } from './mount';

const mod: CardModule = Object.freeze({ mountCard });
Object.defineProperty(globalThis, CARD_GLOBAL, { value: mod, configurable: true, enumerable: false, writable: false });
