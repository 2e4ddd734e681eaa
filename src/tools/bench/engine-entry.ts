/**
 * The engine's timing loop. `npm run bench` bundles this file (as the extension's build bundles the engine) and
 * runs it in a plain `node` child process: under tsx every module access goes through its wrappers, which
 * would more than halve the measured throughput. Text is handed over paragraph by paragraph with one document
 * context, as the content script does (one block element per call).
 */
import { createDetector } from '../../core/detect';
import type { Knowledge } from '../../core/knowledge/compile';
import { KnowledgeBase } from '../../core/knowledge/query';

export interface EngineInput {
  knowledge: Knowledge;
  date: string;
  runs: number;
  warmup: string[];
  texts: { mb: number; paragraphs: string[] }[];
}

export interface EngineRaw {
  mb: number;
  chars: number;
  ms: number[];
  /** CPU time (user + system) of the process over the same runs: steadier than wall time on a busy machine. */
  cpuMs: number[];
  mentions: number;
}

/** Passes over the warm-up text (the largest text timed, so every paragraph has been seen) before timing. */
const WARMUP_PASSES = 2;

export function throughput(input: EngineInput): EngineRaw[] {
  const detector = createDetector(new KnowledgeBase(input.knowledge));
  // Warm up until V8 has compiled the engine's hot paths for all of the text: one pass over 300 KB left the
  // first timed megabyte at half speed (its slowest run at a fifth), which is start-up cost, not throughput.
  for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    const ctx0 = detector.newContext(input.date);
    for (const p of input.warmup) detector.detect(p, ctx0);
  }
  return input.texts.map(({ mb, paragraphs }) => {
    const chars = paragraphs.reduce((a, p) => a + p.length, 0);
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let mentions = 0;
    for (let r = 0; r < input.runs; r++) {
      const ctx = detector.newContext(input.date);
      let found = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const p of paragraphs) found += detector.detect(p, ctx).length;
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
      mentions = found;
    }
    return { mb, chars, ms, cpuMs, mentions };
  });
}
