/**
 * Not background code: the entry of the content script as built for the sites the reader adds (see
 * sites.ts). @crxjs/vite-plugin builds a `.iife.ts` file as one self-contained script, which a page may
 * run without importing chunks from the extension (only the built-in sites are web-accessible).
 */
// eslint-disable-next-line no-restricted-imports -- the content script itself, bundled into this file
import '../content/index';
