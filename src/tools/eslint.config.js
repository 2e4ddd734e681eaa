// ESLint flat config (kept under src/tools: the top level of the repository is fixed).
// Besides typescript-eslint's recommended rules it enforces the layers: src/core is pure (no browser API,
// no other layer); content, background and the extension pages never import each other.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const POLYFILL = { name: 'webextension-polyfill', message: 'Import `browser` from src/platform/browser (the browser adapter).' };
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { paths: [POLYFILL], patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web-ext-artifacts/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Data is rendered as text, never as HTML.
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render data as text.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render data as text.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render data as text.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'Render data as text.' },
      ],
    },
  },
  layer(
    ['src/core/**'],
    ['**/content/**', '**/background/**', '**/popup/**', '**/options/**', '**/ui/**', '**/platform/**', '**/messaging/**', 'idb', 'preact', 'preact/*'],
    'src/core is pure TypeScript: no browser API and no other layer.',
  ),
  layer(['src/content/**'], ['**/background/**', '**/popup/**', '**/options/**'], 'The content script talks to the background only through messages.'),
  layer(['src/background/**'], ['**/content/**', '**/popup/**', '**/options/**', '**/ui/**'], 'The background does not import page or UI code.'),
  layer(['src/popup/**', 'src/options/**'], ['**/content/**', '**/background/**'], 'Extension pages talk to the background only through messages.'),
  layer(['src/ui/**'], ['**/content/**', '**/background/**', '**/popup/**', '**/options/**'], 'src/ui holds shared components only.'),
  layer(['src/messaging/**'], ['**/content/**', '**/background/**', '**/popup/**', '**/options/**', '**/ui/**'], 'The message contract depends on nothing but core and platform.'),
);
