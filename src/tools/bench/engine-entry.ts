/**
 * The engine's timing loop. `npm run bench` bundles this file (as the extension's build bundles the engine) and
 * runs it in a plain `node` child process: under tsx every module access goes through its wrappers, which
 * would more than halve the measured throughput. Text is handed over paragraph by paragraph with one document
 * context, as the content script does (one block element per call).
 */
import { createDetector, type Detector } from '../../core/detect';
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

/**
 * Passes over the warm-up text (the largest text timed, so every paragraph has been seen) before timing. With
 * 2 passes (8 MB), `node --trace-opt` showed V8 still compiling resolveFullName, resolveShortForm and
 * looksLikeMonth during the first timed 1 MB runs; from 4 passes on only rarely called functions (holderOf,
 * possessiveAt) are compiled after timing begins.
 */
const WARMUP_PASSES = 4;

/**
 * One pass over a text, paragraph by paragraph with a fresh document context: the warm-up and every timed run
 * call this same function. When the warm-up had a loop of its own, V8 compiled the timed loop (with the
 * engine inlined into it) only once timing had begun: the first three of seven 1 MB runs went at about half
 * speed (50-58 MB/s against ~100), which pulled the 1 MB median down while 2 and 4 MB were unaffected.
 */
function pass(detector: Detector, date: string, paragraphs: readonly string[]): number {
  const ctx = detector.newContext(date);
  let found = 0;
  for (let i = 0; i < paragraphs.length; i++) found += detector.detect(paragraphs[i]!, ctx).length;
  return found;
}

export function throughput(input: EngineInput): EngineRaw[] {
  const detector = createDetector(new KnowledgeBase(input.knowledge));
  // Warm up until V8 has compiled the engine's hot paths for all of the text: one pass over 300 KB left the
  // first timed megabyte at half speed (its slowest run at a fifth), which is start-up cost, not throughput.
  for (let p = 0; p < WARMUP_PASSES; p++) pass(detector, input.date, input.warmup);
  return input.texts.map(({ mb, paragraphs }) => {
    const chars = paragraphs.reduce((a, p) => a + p.length, 0);
    const ms: number[] = [];
    const cpuMs: number[] = [];
    let mentions = 0;
    for (let r = 0; r < input.runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      mentions = pass(detector, input.date, paragraphs);
      ms.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
    }
    return { mb, chars, ms, cpuMs, mentions };
  });
}
