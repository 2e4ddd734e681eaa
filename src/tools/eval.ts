/**
 * `npm run eval`: scores the detection engine, with the real knowledge base, on every annotated fixture:
 * test/fixtures/gold/ (real articles and the shared readability pages) and test/fixtures/detect/ (our own
 * news-style paragraphs for every rule and trap). Prints micro precision / recall / F1 on exact span + same
 * entity, recall per kind and every error. Exits non-zero below F1 0.97.
 *   --json   print the report as JSON
 *   --chunked  feed the text paragraph by paragraph (split at blank lines), as the content script feeds blocks
 */
import { KnowledgeBase } from '../core/knowledge/query';
import { createDetector } from '../core/detect/index';
import { loadKnowledge } from '../knowledge/load-node';
import { formatReport, loadAllFixtures, scoreDocs, F1_THRESHOLD } from './eval-lib';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kb = new KnowledgeBase(loadKnowledge());
  const { docs, missing } = await loadAllFixtures();
  const report = scoreDocs(createDetector(kb), docs, { chunked: args.includes('--chunked') });
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...report, missing }, null, 2));
  } else {
    console.log(`knowledge as of ${kb.knowledgeAsOf}: ${kb.entities.length} entities, ${kb.offices.length} offices`);
    if (missing.length) console.log(`not found (skipped): ${missing.join(', ')}`);
    const sets = [...new Set(docs.map((d) => d.set))];
    for (const set of sets) {
      const r = scoreDocs(createDetector(kb), docs.filter((d) => d.set === set));
      console.log(`${set.padEnd(8)} F1 ${r.f1.toFixed(4)}  P ${r.precision.toFixed(3)}  R ${r.recall.toFixed(3)}  (${r.documents} documents)`);
    }
    console.log('');
    console.log(formatReport(report));
  }
  if (report.f1 < F1_THRESHOLD || report.problems.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
