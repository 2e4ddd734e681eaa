/**
 * Which built files the content script loads: the scripts named in the manifest (one self-contained IIFE
 * since src/content/main.iife.ts; any ES imports they make are followed transitively), and the scripts loaded
 * only later: the chunks they import lazily (`import("./…")`) and the self-contained scripts the background
 * injects on demand (every other `*.iife.js` of the build, such as the card's UI). Read from the build output,
 * so no hash is hard-coded. Used by the bundle-size test and `npm run bench`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface ContentScriptFiles {
  /** Paths relative to the dist folder, loaded whenever the content script runs. */
  static: string[];
  /** Chunks reached only through a dynamic import() (with their own static imports not already loaded). */
  lazy: string[];
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"`()]*?\bfrom\s*)?(["'`])(\.{1,2}\/[^"'`]+?\.js)\1/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(["'`])(\.{1,2}\/[^"'`]+?\.js)\1\s*\)/g;
const LOADER_IMPORT = /runtime\.getURL\(\s*(["'`])([^"'`]+?\.js)\1\s*\)/g;

function importsOf(dist: string, file: string): { statics: string[]; dynamics: string[] } {
  const src = readFileSync(join(dist, file), 'utf8');
  const dir = posix.dirname(file);
  const rel = (p: string): string => posix.normalize(posix.join(dir, p));
  const statics = [...src.matchAll(STATIC_IMPORT)].map((m) => rel(m[2]!));
  const dynamics = [...src.matchAll(DYNAMIC_IMPORT)].map((m) => rel(m[2]!));
  // The crxjs loader imports the real entry by its extension URL (root-relative path).
  for (const m of src.matchAll(LOADER_IMPORT)) statics.push(posix.normalize(m[2]!.replace(/^\//, '')));
  for (const f of [...statics, ...dynamics]) {
    if (!existsSync(join(dist, f))) throw new Error(`${file} imports ${f}, which is not in ${dist}`);
  }
  return { statics, dynamics };
}

function closure(dist: string, roots: string[], exclude: Set<string> = new Set()): { files: string[]; dynamics: string[] } {
  const seen = new Set<string>();
  const dynamics: string[] = [];
  const queue = roots.filter((r) => !exclude.has(r));
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f) || exclude.has(f)) continue;
    seen.add(f);
    const { statics, dynamics: d } = importsOf(dist, f);
    queue.push(...statics);
    dynamics.push(...d);
  }
  return { files: [...seen], dynamics };
}

/** Every `*.iife.js` file under dist, relative to it. */
function iifeScripts(dist: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dist, dir), { withFileTypes: true })) {
    const rel = dir ? posix.join(dir, e.name) : e.name;
    if (e.isDirectory()) out.push(...iifeScripts(dist, rel));
    else if (e.name.endsWith('.iife.js')) out.push(rel);
  }
  return out;
}

export function contentScriptFiles(dist: string): ContentScriptFiles {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  const entries = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
  if (!entries.length) throw new Error(`${dist}/manifest.json declares no content script`);
  const eager = closure(dist, entries);
  const loaded = new Set(eager.files);
  const injected = iifeScripts(dist).filter((f) => !loaded.has(f));
  const lazyRoots = [...new Set([...eager.dynamics, ...injected])].filter((f) => !loaded.has(f));
  const lazy = closure(dist, lazyRoots, loaded);
  return { static: eager.files, lazy: lazy.files };
}
