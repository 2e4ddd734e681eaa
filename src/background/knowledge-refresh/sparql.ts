/**
 * The Wikidata query: who held (P39 "position held") each office of the knowledge base that has a
 * Wikidata item, with the start (P580) and end (P582) qualifiers and their precision. The query depends
 * only on the knowledge base's list of offices, never on what the reader reads.
 *
 * Offices such as Chancellor of the Exchequer or Lord Privy Seal have centuries of holders; the merge
 * ignores everything that ended before the bundled knowledge's date anyway, so the query leaves out, on
 * the server, statements that ended before the knowledge base's scope starts (SCOPE_START): the answer
 * stays far below the fetch size cap (KNOWLEDGE_FETCH) however many offices get an id. Statements without
 * an end (current holders, or an end Wikidata does not know) are always kept.
 *
 * The answer (SPARQL 1.1 JSON results) is validated with valibot before use; rows whose dates are not
 * given to the day, or whose ids are not Wikidata items, are left out.
 */
import * as v from 'valibot';

export const WIKIDATA_SPARQL_ENDPOINT = 'https://query.wikidata.org/sparql';
const QID = /^Q[1-9]\d{0,11}$/;
const ENTITY_PREFIX = 'http://www.wikidata.org/entity/';
/** Wikidata time precision 11 = day. Coarser dates (a year, a month) cannot place a reshuffle. */
const DAY_PRECISION = 11;
export const MAX_STATEMENTS = 20_000;
/** First day the knowledge base covers: every office record starts no earlier (the Cameron–Clegg government, 11 May 2010). */
export const SCOPE_START = '2010-05-11';

export function buildHoldersQuery(officeQids: readonly string[]): string {
  const qids = [...new Set(officeQids)].filter((q) => QID.test(q)).sort();
  if (qids.length === 0) throw new Error('no office has a Wikidata id');
  return `SELECT ?office ?person ?personLabel ?start ?startPrecision ?end ?endPrecision WHERE {
  VALUES ?office { ${qids.map((q) => `wd:${q}`).join(' ')} }
  ?person p:P39 ?statement .
  ?statement ps:P39 ?office .
  FILTER NOT EXISTS { ?statement wikibase:rank wikibase:DeprecatedRank }
  OPTIONAL { ?statement pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] }
  OPTIONAL { ?statement pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] }
  FILTER(!BOUND(?end) || ?end >= "${SCOPE_START}T00:00:00Z"^^xsd:dateTime)
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en,mul". }
}`;
}

export function holdersQueryUrl(officeQids: readonly string[], endpoint = WIKIDATA_SPARQL_ENDPOINT): string {
  return `${endpoint}?format=json&query=${encodeURIComponent(buildHoldersQuery(officeQids))}`;
}

const Term = v.object({
  type: v.picklist(['uri', 'literal', 'bnode', 'typed-literal']),
  value: v.pipe(v.string(), v.maxLength(2000)),
  datatype: v.optional(v.string()),
  'xml:lang': v.optional(v.string()),
});

/** SPARQL 1.1 Query Results JSON, as much of it as we read. */
export const SparqlResultsSchema = v.object({
  head: v.object({ vars: v.array(v.string()) }),
  results: v.object({
    bindings: v.pipe(v.array(v.record(v.string(), Term)), v.maxLength(MAX_STATEMENTS)),
  }),
});

/** One "position held" statement, normalised. */
export const HolderStatementSchema = v.object({
  office: v.pipe(v.string(), v.regex(QID)),
  person: v.pipe(v.string(), v.regex(QID)),
  /** The English label, when Wikidata has one. */
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(120))),
  start: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
  end: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
});
export type HolderStatement = v.InferOutput<typeof HolderStatementSchema>;

export class WikidataAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WikidataAnswerError';
  }
}

function qidOf(term: v.InferOutput<typeof Term> | undefined): string | null {
  if (!term || term.type !== 'uri' || !term.value.startsWith(ENTITY_PREFIX)) return null;
  const q = term.value.slice(ENTITY_PREFIX.length);
  return QID.test(q) ? q : null;
}

/** "2024-07-05T00:00:00Z" at day precision -> "2024-07-05"; anything else -> undefined (unusable). */
function dayOf(value: v.InferOutput<typeof Term> | undefined, precision: v.InferOutput<typeof Term> | undefined): string | null | undefined {
  if (!value) return null; // no such qualifier
  if (Number(precision?.value) < DAY_PRECISION) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T00:00:00Z$/.exec(value.value);
  if (!m) return undefined;
  const s = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : undefined;
}

/** A readable person name, or undefined (Wikidata falls back to the bare QID when there is no label). */
function nameOf(term: v.InferOutput<typeof Term> | undefined): string | undefined {
  if (!term || term.type !== 'literal') return undefined;
  const name = term.value.replace(/\s+/g, ' ').trim();
  if (!name || QID.test(name) || name.length > 120) return undefined;
  if (!/^\p{L}[\p{L}\p{M}'\u2019 .-]*$/u.test(name)) return undefined;
  return name;
}

/**
 * Validate a query answer and turn it into statements. Throws WikidataAnswerError when the answer is not
 * SPARQL JSON at all or holds no usable statement (an empty answer never replaces good knowledge).
 */
export function parseHoldersAnswer(text: string, askedOffices: readonly string[]): { statements: HolderStatement[]; skipped: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WikidataAnswerError('the answer is not JSON');
  }
  const r = v.safeParse(SparqlResultsSchema, json);
  if (!r.success) {
    const issue = r.issues[0]!;
    throw new WikidataAnswerError(`the answer does not match the SPARQL results schema (${v.getDotPath(issue) ?? 'root'}: ${issue.message})`);
  }
  const asked = new Set(askedOffices);
  const seen = new Set<string>();
  const statements: HolderStatement[] = [];
  let skipped = 0;
  for (const row of r.output.results.bindings) {
    const office = qidOf(row.office);
    const person = qidOf(row.person);
    const start = dayOf(row.start, row.startPrecision);
    const end = dayOf(row.end, row.endPrecision);
    if (!office || !person || !asked.has(office) || start === undefined || end === undefined) {
      skipped++;
      continue;
    }
    const s: HolderStatement = { office, person, start, end };
    const name = nameOf(row.personLabel);
    if (name) s.name = name;
    const key = `${office}|${person}|${start}|${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    statements.push(s);
  }
  if (statements.length === 0) throw new WikidataAnswerError('the answer holds no usable statement');
  return { statements, skipped };
}
