/**
 * One small driver interface over the two real browsers, so that every end-to-end test, `npm start` and the
 * benchmark run the same steps in Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver
 * BiDi). The browser differences of test automation live here and in its two implementations.
 */
export type BrowserName = 'chromium' | 'firefox';

export interface TestPage {
  goto(url: string): Promise<void>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitFor<A = undefined>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** A real mouse drag across the first element matching `selector`, from its left edge to its right edge. */
  dragAcross(selector: string): Promise<void>;
  press(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Chromium only; Firefox takes the scheme at launch (see launch()). */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  name: BrowserName;
  /** chrome-extension://ID or moz-extension://UUID */
  extensionOrigin: string;
  newPage(): Promise<TestPage>;
  /** Opens an extension page (popup, options) in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  close(): Promise<void>;
}

export const POPUP_PATH = 'src/popup/index.html';
export const OPTIONS_PATH = 'src/options/index.html';
