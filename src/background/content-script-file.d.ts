/**
 * `import path from '…?iife'`: @crxjs/vite-plugin builds that module as one self-contained script (no
 * loader, no chunks to import at run time) and the import is its path in the built extension.
 */
declare module '*?iife' {
  const path: string;
  export default path;
}
