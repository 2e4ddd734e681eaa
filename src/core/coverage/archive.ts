/**
 * The bundled archive (src/archive/coverage.json): earlier stories about Hitachi Rail at Newton Aycliffe
 * and the ministers, each a real published article checked by hand. It is data, so it is validated here
 * (in the tests and before seeding), with every problem listed, not just the first.
 *
 *   {"items": [{"url", "title", "outlet", "published": "YYYY-MM-DD", "entities": ["hitachi-rail", ...],
 *               "checked": "YYYY-MM-DD"}]}
 *
 * `checked` is the date someone last confirmed the article exists at that URL with that title and date.
 */
import * as v from 'valibot';
import { IdSchema, IsoDateSchema } from '../knowledge/schema';
import { canonicalUrl } from './canonical';
import { HttpUrlSchema, LIMITS, type CoverageItem } from './schema';

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));

export const ArchiveItemSchema = v.strictObject({
  url: HttpUrlSchema,
  title: Text(LIMITS.titleLength),
  outlet: Text(LIMITS.outletLength),
  published: IsoDateSchema,
  entities: v.pipe(v.array(IdSchema), v.minLength(1, 'an archive item must name at least one entity'), v.maxLength(LIMITS.entitiesPerItem)),
  checked: IsoDateSchema,
});

export const ArchiveSchema = v.strictObject({
  items: v.array(ArchiveItemSchema),
});

export type ArchiveItem = v.InferOutput<typeof ArchiveItemSchema>;
export type Archive = v.InferOutput<typeof ArchiveSchema>;

export class ArchiveError extends Error {
  constructor(readonly problems: string[]) {
    super(`src/archive/coverage.json is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ArchiveError';
  }
}

export interface ValidateArchiveOptions {
  /** Entity ids the knowledge base knows; each item's entities must be among them. */
  knownEntities?: ReadonlySet<string>;
  /** Today (YYYY-MM-DD): nothing may be published or checked after it. */
  today?: string;
}

/**
 * Validate the archive: the schema, then the rules across items (one item per story after URL
 * canonicalisation, known entity ids, no dates in the future, checked on or after publication).
 * Throws ArchiveError listing every problem.
 */
export function validateArchive(data: unknown, options: ValidateArchiveOptions = {}): Archive {
  const r = v.safeParse(ArchiveSchema, data);
  if (!r.success) {
    throw new ArchiveError(
      r.issues.map((issue) => {
        const at = v.getDotPath(issue);
        return `${at ? `at ${at}: ` : ''}${issue.message}`;
      }),
    );
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  r.output.items.forEach((item, i) => {
    const key = canonicalUrl(item.url);
    if (key === null) {
      problems.push(`items.${i}: url is not usable: ${item.url}`);
      return;
    }
    const prev = seen.get(key);
    if (prev !== undefined) problems.push(`items.${i}: same story as items.${prev} (${key})`);
    else seen.set(key, i);
    if (options.knownEntities) {
      for (const e of item.entities) {
        if (!options.knownEntities.has(e)) problems.push(`items.${i}: unknown entity id "${e}" (${item.url})`);
      }
    }
    if (options.today && item.published > options.today) problems.push(`items.${i}: published ${item.published} is in the future`);
    if (options.today && item.checked > options.today) problems.push(`items.${i}: checked ${item.checked} is in the future`);
    if (item.checked < item.published) problems.push(`items.${i}: checked ${item.checked} before it was published ${item.published}`);
  });
  if (problems.length) throw new ArchiveError(problems);
  return r.output;
}

/** Archive items as index records (origin archive). */
export function archiveToItems(archive: Archive, addedAt: number): CoverageItem[] {
  return archive.items.map((item) => ({
    url: item.url,
    canonicalUrl: canonicalUrl(item.url)!,
    title: item.title,
    outlet: item.outlet,
    published: item.published,
    entities: [...new Set(item.entities)],
    origin: 'archive',
    origins: ['archive'],
    addedAt,
  }));
}

/** A short, stable fingerprint of the archive's content (FNV-1a over its JSON): the seed version. */
export function archiveVersion(archive: Archive): string {
  const text = JSON.stringify(archive.items.map((i) => [i.url, i.title, i.outlet, i.published, i.entities]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${archive.items.length}-${h.toString(16).padStart(8, '0')}`;
}
