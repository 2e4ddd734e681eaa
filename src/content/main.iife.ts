/**
 * The content script as the browser runs it: @crxjs/vite-plugin builds a `.iife.ts` entry as one
 * self-contained classic script. Nothing is imported at run time, so no file of the extension has to be
 * web-accessible (a page cannot probe for Backstory by URL), the script starts without a module loader's
 * round trip, and the same file serves the built-in news sites (manifest) and the sites a reader adds
 * (registered by src/background/sites.ts). The card's UI is not in it: see card-loader.ts.
 */
import './index';
