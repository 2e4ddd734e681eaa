declare module 'virtual:backstory-knowledge' {
  import type { Knowledge } from './core/knowledge/compile';
  const knowledge: Knowledge;
  export default knowledge;
}

/** True in development builds (not the store flavour): vite.config.ts `define`. */
declare const __BACKSTORY_DEV__: boolean;
