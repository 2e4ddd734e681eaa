/**
 * The detection engine alone, in node: MB/s of real article text at 1, 2 and 4 MB. The engine is bundled with
 * vite (as in the extension) and timed in a plain `node` child process (see engine-entry.ts for why not tsx).
 * With `profile`, the child also writes a V8 CPU profile and the hottest functions are reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Knowledge } from '../../core/knowledge/compile';
import type { EngineInput, EngineRaw } from './engine-entry';
import { articleParagraphs } from './pages';
import { stats, type Stats } from './stats';

export interface EngineResult {
  mb: number;
  chars: number;
  /** MB/s by wall clock (1 MB = 1,000,000 UTF-16 code units of text). */
  mbPerS: Stats;
  /** MB/s by CPU time of the process. */
  cpuMbPerS: Stats;
  mentions: number;
}

export interface EngineReport {
  results: EngineResult[];
  /** Self time by function, hottest first (only with profile). */
  hot: { fn: string; pct: number }[];
}

export function paragraphsOfSize(chars: number): string[] {
  const all = articleParagraphs().flatMap((s) => s.paragraphs);
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p = all[i % all.length]!;
    out.push(p);
    n += p.length + 1;
  }
  return out;
}

export async function engineThroughput(knowledge: Knowledge, opts: { sizesMb?: number[]; runs?: number; profile?: boolean } = {}): Promise<EngineReport> {
  const sizes = opts.sizesMb ?? [1, 2, 4];
  const dir = mkdtempSync(join(tmpdir(), 'backstory-bench-engine-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      build: {
        outDir: dir,
        emptyOutDir: false,
        copyPublicDir: false,
        minify: false,
        target: 'node20',
        lib: { entry: resolve(import.meta.dirname, 'engine-entry.ts'), formats: ['es'], fileName: 'engine' },
      },
    });
    const bundle = readdirSync(dir).find((f) => /^engine.*\.(m?js)$/.test(f));
    if (!bundle) throw new Error(`vite wrote no engine bundle in ${dir}`);
    const input: EngineInput = {
      knowledge,
      date: '2024-10-10',
      runs: opts.runs ?? 7,
      warmup: paragraphsOfSize(Math.max(...sizes) * 1_000_000),
      texts: sizes.map((mb) => ({ mb, paragraphs: paragraphsOfSize(mb * 1_000_000) })),
    };
    writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
    const runner = join(dir, 'run.mjs');
    writeFileSync(
      runner,
      `import { readFileSync } from 'node:fs';
import { throughput } from ${JSON.stringify('./' + bundle)};
const input = JSON.parse(readFileSync(${JSON.stringify(join(dir, 'input.json'))}, 'utf8'));
process.stdout.write(JSON.stringify(throughput(input)));`,
    );
    const profDir = join(dir, 'prof');
    // Throughput from a plain run; the hot spots from a second, profiled run (the sampling profiler itself
    // took about 40% off the measured MB/s when both came from one run).
    const raw = JSON.parse(execFileSync(process.execPath, [runner], { encoding: 'utf8', maxBuffer: 1 << 26 })) as EngineRaw[];
    if (opts.profile) execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, runner], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const results = raw.map((r) => ({ mb: r.mb, chars: r.chars, mentions: r.mentions, mbPerS: stats(r.ms.map((ms) => r.chars / 1e6 / (ms / 1000))), cpuMbPerS: stats(r.cpuMs.map((ms) => r.chars / 1e6 / (ms / 1000))) }));
    const hot = opts.profile ? hottest(profDir, bundle) : [];
    return { results, hot };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of the engine's functions, as a share of the time spent in the engine bundle. */
function hottest(profDir: string, bundle: string): { fn: string; pct: number }[] {
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const p = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((s, i) => {
    const cf = byId.get(s)?.callFrame;
    if (!cf || !cf.url.endsWith(bundle)) return;
    const key = `${cf.functionName || '(anonymous)'}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
    total += p.timeDeltas[i] ?? 0;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([fn, t]) => ({ fn, pct: (100 * t) / total }));
}
