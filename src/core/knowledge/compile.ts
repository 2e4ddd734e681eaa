/**
 * Compiles raw knowledge files into one validated Knowledge object. Pure: the caller (node loader, vite
 * plugin) reads the files; this checks every file against the schema and the whole against the rules that
 * span files: ids unique, tenures name known offices, no two holders of a single-holder office overlap,
 * renamed offices link to offices that exist, documented vacancies lie within their office and clash with no tenure.
 */
import * as v from 'valibot';
import {
  EntitySchema,
  MetaSchema,
  OfficeFileSchema,
  type Entity,
  type Meta,
  type Office,
} from './schema';

export interface RawKnowledgeFile {
  /** Path relative to the knowledge folder, used in error messages ("people/keir-starmer.json"). */
  path: string;
  data: unknown;
}

export interface Knowledge {
  meta: Meta;
  entities: Entity[];
  offices: Office[];
}

export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`Knowledge base is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'KnowledgeError';
  }
}

function describeIssues(path: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const at = v.getDotPath(issue);
    return `${path}${at ? ` at ${at}` : ''}: ${issue.message}`;
  });
}

/** Validate and assemble. Throws KnowledgeError listing every problem found, not just the first. */
export function compileKnowledge(files: readonly RawKnowledgeFile[]): Knowledge {
  const problems: string[] = [];
  const entities: Entity[] = [];
  const offices: Office[] = [];
  let meta: Meta | undefined;

  for (const file of files) {
    if (file.path === 'meta.json') {
      const r = v.safeParse(MetaSchema, file.data);
      if (r.success) meta = r.output;
      else problems.push(...describeIssues(file.path, r.issues));
    } else if (file.path.startsWith('offices/')) {
      const r = v.safeParse(OfficeFileSchema, file.data);
      if (r.success) offices.push(...r.output.offices);
      else problems.push(...describeIssues(file.path, r.issues));
    } else {
      const r = v.safeParse(EntitySchema, file.data);
      if (!r.success) {
        problems.push(...describeIssues(file.path, r.issues));
        continue;
      }
      const base = file.path.replace(/^.*\//, '').replace(/\.json$/, '');
      if (base !== r.output.id) problems.push(`${file.path}: file name must be the entity id (${r.output.id}.json)`);
      entities.push(r.output);
    }
  }
  if (!meta) problems.push('meta.json is missing or invalid');

  const ids = new Set<string>();
  for (const e of [...entities, ...offices]) {
    if (ids.has(e.id)) problems.push(`duplicate id: ${e.id}`);
    ids.add(e.id);
  }
  const officeById = new Map(offices.map((o) => [o.id, o]));
  for (const o of offices) {
    if (o.replaces && !officeById.has(o.replaces)) problems.push(`office ${o.id} replaces unknown office ${o.replaces}`);
  }
  // Two offices that exist at the same time must not share a title, or a title would name two people at once.
  // (Successive offices, such as the BIS, BEIS and DBT secretaries, may share "Business Secretary".)
  const fold = (t: string): string => t.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  const officesByTitle = new Map<string, Office[]>();
  for (const o of offices) {
    for (const t of new Set([o.name, o.shortName, ...o.titles].map(fold))) {
      const list = officesByTitle.get(t) ?? [];
      for (const other of list) {
        const overlap = (other.to === null || o.from < other.to) && (o.to === null || other.from < o.to);
        if (overlap) problems.push(`offices ${other.id} and ${o.id} exist at the same time and share the title "${t}"`);
      }
      list.push(o);
      officesByTitle.set(t, list);
    }
  }

  const entityIds = new Set(entities.map((e) => e.id));
  for (const e of entities) {
    if (e.type !== 'person') {
      for (const r of e.related) if (!entityIds.has(r)) problems.push(`${e.id}: related entity ${r} is unknown`);
      for (let i = 1; i < e.timeline.length; i++) {
        if (e.timeline[i - 1]!.date > e.timeline[i]!.date) problems.push(`${e.id}: timeline is not in date order at ${e.timeline[i]!.date}`);
      }
      continue;
    }
    for (const t of e.tenures) {
      const office = officeById.get(t.office);
      if (!office) {
        problems.push(`${e.id}: tenure names unknown office ${t.office}`);
        continue;
      }
      if (t.from < office.from || (office.to !== null && (t.to === null || t.to > office.to))) {
        problems.push(`${e.id}: tenure ${t.office} ${t.from}..${t.to ?? 'open'} lies outside the office's existence ${office.from}..${office.to ?? 'open'}`);
      }
    }
  }

  // No two holders of one single-holder office overlap (a changeover day belongs to the new holder).
  const byOffice = new Map<string, { person: string; from: string; to: string | null }[]>();
  for (const e of entities) {
    if (e.type !== 'person') continue;
    for (const t of e.tenures) {
      const list = byOffice.get(t.office) ?? [];
      list.push({ person: e.id, from: t.from, to: t.to });
      byOffice.set(t.office, list);
    }
  }
  for (const [officeId, list] of byOffice) {
    if (officeById.get(officeId)?.holders !== 'single') continue;
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.to === null || prev.to > cur.from) {
        problems.push(`office ${officeId}: ${prev.person} (${prev.from}..${prev.to ?? 'open'}) overlaps ${cur.person} (from ${cur.from})`);
      }
    }
  }

  // A documented vacancy or unknown-holder period lies within the office's existence and overlaps no other such
  // period of it and no holder's tenure (a day is either held by a known person, vacant, or held by someone unknown).
  for (const o of offices) {
    const gaps = [
      ...(o.vacant ?? []).map((g) => ({ kind: 'vacancy', from: g.from, to: g.to as string | null })),
      ...(o.holderUnknown ?? []).map((g) => ({ kind: 'unknown-holder period', from: g.from, to: g.to })),
    ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (let i = 0; i < gaps.length; i++) {
      const gap = gaps[i]!;
      const span = `${gap.kind} ${gap.from}..${gap.to ?? 'open'}`;
      if (gap.from < o.from || (o.to !== null && (gap.to === null || gap.to > o.to))) {
        problems.push(`office ${o.id}: ${span} lies outside the office's existence ${o.from}..${o.to ?? 'open'}`);
      }
      const prev = gaps[i - 1];
      if (prev && (prev.to === null || prev.to > gap.from)) {
        problems.push(`office ${o.id}: ${prev.kind} ${prev.from}..${prev.to ?? 'open'} overlaps ${gap.kind} from ${gap.from}`);
      }
      for (const held of byOffice.get(o.id) ?? []) {
        if ((gap.to === null || held.from < gap.to) && (held.to === null || gap.from < held.to)) {
          problems.push(`office ${o.id}: ${span} overlaps ${held.person} (${held.from}..${held.to ?? 'open'})`);
        }
      }
    }
  }

  if (problems.length > 0) throw new KnowledgeError(problems);
  entities.sort((a, b) => a.id.localeCompare(b.id));
  offices.sort((a, b) => a.id.localeCompare(b.id));
  return { meta: meta!, entities, offices };
}
