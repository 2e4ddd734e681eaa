/** Reads the knowledge files from disk (node only: CLIs, tests, the vite plugin) and compiles them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKnowledge, type Knowledge, type RawKnowledgeFile } from '../core/knowledge/compile';

export const KNOWLEDGE_DIR = dirname(fileURLToPath(import.meta.url));

export function readKnowledgeFiles(dir: string = KNOWLEDGE_DIR): RawKnowledgeFile[] {
  const files: RawKnowledgeFile[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const path = relative(dir, full).split('\\').join('/');
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(full, 'utf8'));
        } catch (err) {
          data = { __parseError: String(err) };
        }
        files.push({ path, data });
      }
    }
  };
  walk(dir);
  return files;
}

export function loadKnowledge(dir: string = KNOWLEDGE_DIR): Knowledge {
  return compileKnowledge(readKnowledgeFiles(dir));
}
