/**
 * `npm run --silent detect -- [--date YYYY-MM-DD] FILE`
 *
 * Prints one JSON object: {"date", "dateSource", "mentions": [{start, end, text, entity, name, kind, office?}]}.
 * FILE is .txt (offsets index its UTF-8 text as a JavaScript string) or .html/.htm (offsets index the page's
 * visible text: every text node under <body> except script, style, noscript and template, concatenated).
 * Without --date the date is read from the HTML (JSON-LD, meta tags, <time>, a dated URL) or is today.
 * Errors print a clear message on stderr and exit non-zero.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readArticleDate, type ArticleDateSource } from '../core/article-date';
import { createDetector } from '../core/detect/index';
import { KnowledgeBase } from '../core/knowledge/query';
import { IsoDateSchema } from '../core/knowledge/schema';
import { loadKnowledge } from '../knowledge/load-node';
import { extractHtml } from './eval-lib';
import * as v from 'valibot';

const USAGE = 'usage: npm run --silent detect -- [--date YYYY-MM-DD] FILE   (FILE is .txt or .html)';

class UsageError extends Error {}

function parseArgs(argv: string[]): { date?: string; file: string } {
  let date: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--date') {
      const d = argv[++i];
      if (d === undefined) throw new UsageError('--date needs a value YYYY-MM-DD');
      date = d;
    } else if (a.startsWith('--date=')) date = a.slice('--date='.length);
    else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? `no FILE given\n${USAGE}` : `one FILE at a time (got ${files.length})\n${USAGE}`);
  if (date !== undefined && !v.safeParse(IsoDateSchema, date).success) {
    throw new UsageError(`bad date ${JSON.stringify(date)}: give a real calendar date written YYYY-MM-DD`);
  }
  return { ...(date !== undefined ? { date } : {}), file: files[0]! };
}

async function main(): Promise<void> {
  const { date: givenDate, file } = parseArgs(process.argv.slice(2));
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new UsageError(`cannot read ${file}: not a file`);
  const ext = extname(file).toLowerCase();
  if (ext !== '.txt' && ext !== '.html' && ext !== '.htm') throw new UsageError(`${file}: expected a .txt or .html file`);
  const raw = readFileSync(file, 'utf8');
  const today = new Date().toISOString().slice(0, 10);

  let text = raw;
  let date = givenDate;
  let dateSource: ArticleDateSource | 'given' = 'given';
  if (ext === '.txt') {
    if (!date) {
      date = today;
      dateSource = 'today';
    }
  } else {
    const ex = await extractHtml(raw);
    text = ex.text;
    if (!date) {
      const r = readArticleDate(ex.dateInputs, today);
      date = r.date;
      dateSource = r.source;
    }
  }

  const kb = new KnowledgeBase(loadKnowledge());
  const detector = createDetector(kb);
  const mentions = detector.detect(text, detector.newContext(date));
  process.stdout.write(JSON.stringify({ date, dateSource, mentions }) + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`detect: ${err.message}`);
  else console.error(`detect: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
