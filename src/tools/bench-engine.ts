/**
 * Engine throughput: `tsx src/tools/bench-engine.ts [--json]`. Builds 1, 2 and 4 MB of real article text from
 * the annotated fixtures (articles, our news-style paragraphs, and the visible text of the shared news pages
 * when present), runs the detector with the real knowledge base over each, and prints MB/s. A flat MB/s from
 * 1 to 4 MB shows cost linear in text length. Fed both whole and paragraph by paragraph (as the content
 * script feeds block elements).
 */
import { performance } from 'node:perf_hooks';
import { createDetector, type Detector } from '../core/detect/index';
import { KnowledgeBase } from '../core/knowledge/query';
import { loadKnowledge } from '../knowledge/load-node';
import { loadAllFixtures } from './eval-lib';

const MB = 1_000_000;

function corpusOf(size: number, source: string): string {
  let s = '';
  while (s.length < size) s += source;
  return s.slice(0, size);
}

function runWhole(detector: Detector, text: string): number {
  return detector.detect(text, detector.newContext('2024-12-06')).length;
}

function runChunked(detector: Detector, paragraphs: string[]): number {
  const ctx = detector.newContext('2024-12-06');
  let n = 0;
  for (const p of paragraphs) n += detector.detect(p, ctx).length;
  return n;
}

/**
 * Median MB/s over several runs after a warm-up, by wall clock and by CPU time (user + system of this
 * process): on a busy machine the CPU figure is the steadier measure of the engine itself.
 */
function measure(bytes: number, run: () => number): { mbPerS: number; cpuMbPerS: number; mentions: number } {
  let mentions = 0;
  for (let i = 0; i < 3; i++) mentions = run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 9; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { mbPerS: bytes / MB / (median(wall) / 1000), cpuMbPerS: bytes / MB / (Math.max(median(cpu), 0.001) / 1000), mentions };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const kb = new KnowledgeBase(loadKnowledge());
  const t0 = performance.now();
  const detector = createDetector(kb);
  const compileMs = performance.now() - t0;
  const { docs } = await loadAllFixtures();
  const source = docs.map((d) => d.text).join('\n\n');
  // Warm the JIT on the largest text first, so the 1 MB figure is not a cold start.
  {
    const warm = corpusOf(4 * MB, source);
    for (let i = 0; i < 5; i++) runWhole(detector, warm);
  }
  const results: { size: string; chars: number; wholeMBps: number; wholeCpuMBps: number; chunkedMBps: number; chunkedCpuMBps: number; mentions: number }[] = [];
  for (const size of [1, 2, 4]) {
    const text = corpusOf(size * MB, source);
    const paragraphs = text.split(/(?<=\n[ \t\u00a0]*\n)/);
    const whole = measure(text.length, () => runWhole(detector, text));
    const chunked = measure(text.length, () => runChunked(detector, paragraphs));
    results.push({
      size: `${size} MB`,
      chars: text.length,
      wholeMBps: whole.mbPerS,
      wholeCpuMBps: whole.cpuMbPerS,
      chunkedMBps: chunked.mbPerS,
      chunkedCpuMBps: chunked.cpuMbPerS,
      mentions: whole.mentions,
    });
  }
  // Yardstick on the same machine at the same moment: V8's native regex counting the words of the 4 MB text.
  const big = corpusOf(4 * MB, source);
  const wordRe = /[A-Za-z]+/g;
  const baseline = measure(big.length, () => {
    let n = 0;
    wordRe.lastIndex = 0;
    while (wordRe.exec(big)) n++;
    return n;
  });
  if (json) {
    console.log(JSON.stringify({ compileMs, sourceChars: source.length, results, baselineRegexWordScan: baseline }, null, 2));
    return;
  }
  console.log(`detection engine: ${kb.entities.length} entities, ${kb.offices.length} offices; createDetector ${compileMs.toFixed(1)} ms`);
  console.log(`text built from ${docs.length} fixture documents (${(source.length / 1000).toFixed(0)} k characters), repeated`);
  console.log('          whole text (wall / CPU)      by paragraph (wall / CPU)');
  for (const r of results) {
    const f = (x: number): string => x.toFixed(1).padStart(7);
    console.log(`${r.size.padStart(5)}: ${f(r.wholeMBps)} / ${f(r.wholeCpuMBps)} MB/s   ${f(r.chunkedMBps)} / ${f(r.chunkedCpuMBps)} MB/s   (${r.mentions} mentions)`);
  }
  console.log(`yardstick: native regex word count on 4 MB: ${baseline.mbPerS.toFixed(1)} / ${baseline.cpuMbPerS.toFixed(1)} MB/s (wall / CPU)`);
}

main().catch((err: unknown) => {
  console.error(`bench-engine: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
