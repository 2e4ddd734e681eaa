/// <reference types="vitest/config" />
/**
 * One config for both browsers and for the tests.
 *   vite build --mode chrome   -> dist/chrome
 *   vite build --mode firefox  -> dist/firefox
 * BACKSTORY_STORE=1 builds the store flavour: without the 127.0.0.1 match the demo and the tests need.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifestJson from './manifest.json' with { type: 'json' };
import { manifestFor, type TargetBrowser } from './src/tools/manifest-for';
import { KNOWLEDGE_DIR, loadKnowledge, readKnowledgeFiles } from './src/knowledge/load-node';
import { validateArchive } from './src/core/coverage/archive';

/** `import knowledge from 'virtual:backstory-knowledge'`: the compiled knowledge base, validated at build time. */
function knowledgePlugin(): Plugin {
  const id = 'virtual:backstory-knowledge';
  return {
    name: 'backstory-knowledge',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(loadId) {
      if (loadId !== `\0${id}`) return undefined;
      for (const f of readKnowledgeFiles()) this.addWatchFile(resolve(KNOWLEDGE_DIR, f.path));
      const knowledge = loadKnowledge(); // throws a KnowledgeError listing every problem: the build fails
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(knowledge))});`;
    },
  };
}

/**
 * The bundled archive (src/archive/coverage.json) is checked at build time too: the schema, one item per
 * story, entity ids the knowledge base knows, no future dates. An invalid archive fails the build with
 * every problem listed, instead of an extension that silently seeds nothing.
 */
function archivePlugin(): Plugin {
  const file = resolve(import.meta.dirname, 'src/archive/coverage.json');
  return {
    name: 'backstory-archive',
    enforce: 'pre', // before vite's JSON plugin turns the file into a module
    transform(code, id) {
      if (id.split('?')[0] !== file) return undefined;
      const knowledge = loadKnowledge();
      const knownEntities = new Set(knowledge.entities.map((e) => e.id));
      try {
        validateArchive(JSON.parse(code), { knownEntities, today: new Date().toISOString().slice(0, 10) });
      } catch (e) {
        this.error(`Backstory: the bundled archive is invalid, fix it before building.\n${(e as Error).message}`);
      }
      return undefined;
    },
  };
}

/**
 * No file of Backstory is web-accessible: the content script is one self-contained script and the card's
 * script is injected by the background with scripting.executeScript, neither of which needs it. @crxjs lists
 * every `?iife` script as web-accessible to all sites (for pages that load it by URL), which would let any page
 * probe for the extension, so the built manifest drops those entries, and the intermediate ES chunk @crxjs
 * leaves for such a script (referenced by nothing) is deleted. A test pins the result.
 */
function noWebAccessibleResources(): Plugin {
  let outDir = '';
  return {
    name: 'backstory-no-web-accessible-resources',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler(_options, bundle) {
        const file = resolve(outDir, 'manifest.json');
        if (!existsSync(file)) return;
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
        const injected = (r: string): boolean => /\.iife\.js$/.test(r);
        const kept = (manifest.web_accessible_resources ?? []).filter((w) => !w.resources.every(injected));
        if (kept.length) manifest.web_accessible_resources = kept;
        else delete manifest.web_accessible_resources;
        writeFileSync(file, JSON.stringify(manifest, null, 2));
        for (const name of Object.keys(bundle)) {
          if (/(^|\/)[^/]*\.iife\.ts-[^/]*\.js$/.test(name)) rmSync(resolve(outDir, name), { force: true });
        }
      },
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome';
  const store = process.env.BACKSTORY_STORE === '1';
  return {
    plugins: [
      knowledgePlugin(),
      archivePlugin(),
      ...(mode === 'test' ? [] : [crx({ manifest: manifestFor(manifestJson, browser, { store }) as ManifestV3Export, browser }), noWebAccessibleResources()]),
    ],
    // Development builds (not the store flavour) let the end-to-end tests point the feeds' and the knowledge
    // refresh's endpoints at 127.0.0.1 (storage.local `devEndpoints`, see src/background/coverage-bridge.ts).
    define: { __BACKSTORY_DEV__: JSON.stringify(!store) },
    build: {
      outDir: `dist/${browser}${store ? '-store' : ''}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      sourcemap: false,
      minify: true,
      // The background chunk carries the whole knowledge base (hundreds of sourced entities) by design;
      // the content script's budget is checked by test/e2e/bundle-size.test.ts.
      chunkSizeWarningLimit: 1500,
    },
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'] },
        },
        {
          extends: true,
          test: { name: 'dom', environment: 'happy-dom', include: ['test/dom/**/*.test.ts', 'test/dom/**/*.test.tsx'] },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.test.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
