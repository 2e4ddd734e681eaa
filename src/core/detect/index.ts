/**
 * Mention detection: given text and the article's date, where the text names the people, organisations and
 * places the knowledge base knows, and who each mention is. Pure TypeScript, no browser API; the content
 * script calls it chunk by chunk (one block element at a time) with one DocumentContext per page.
 *
 * Everything that depends only on the knowledge base is compiled once in createDetector; detect() is one
 * linear pass over the text plus constant work per candidate.
 */
import type { KnowledgeBase } from '../knowledge/query';
import { DocContext } from './context';
import { findMatches, type RawMatch } from './matcher';
import { compile, type Compiled } from './patterns';
import { resolveFullName, resolveShortForm } from './people';
import { resolveOrganisation } from './organisations';
import { hasSecretaryOn, resolveRole, type RoleOutcome } from './roles';
import type { ScanStats } from './scan';

export type MentionKind = 'name' | 'alias' | 'honorific' | 'role';

export interface Mention {
  start: number;
  end: number;
  text: string;
  entity: string;
  name: string;
  kind: MentionKind;
  office?: string;
}

/** What the document has established so far (persons named in full, its department, foreign offices...). Opaque. */
export interface DocumentContext {
  /** Brand only: contexts come from Detector.newContext(). */
  readonly __documentContext?: never;
}

export interface Detector {
  /** One per document; date = the article's date YYYY-MM-DD. */
  newContext(date: string): DocumentContext;
  /** May be called chunk by chunk in document order; offsets are into `text`. */
  detect(text: string, ctx: DocumentContext): Mention[];
}

function asContext(ctx: DocumentContext): DocContext {
  if (!(ctx instanceof DocContext)) throw new TypeError('detect() needs a context made by this detector’s newContext()');
  return ctx;
}

/** The last role title of a chunk and what became of it (for "deputy PM and justice secretary"). */
interface PrevRole {
  end: number;
  outcome: RoleOutcome;
}

/** A title joined by "and"/"or" to a title that was not the current holder shares its fate. */
function coordinated(text: string, m: RawMatch, prev: PrevRole | undefined): RoleOutcome | undefined {
  if (!prev || prev.outcome.linked || m.start - prev.end > 8) return undefined;
  const gap = text.slice(prev.end, m.start);
  return /^\s+(?:and|or|&)\s+$/.test(gap) ? { linked: false, reason: `coordinated with a title that was ${prev.outcome.reason}` } : undefined;
}

function resolve(
  text: string,
  m: RawMatch,
  next: RawMatch | undefined,
  c: Compiled,
  ctx: DocContext,
  prevRole: PrevRole | undefined,
  setRole: (r: PrevRole) => void,
): Mention | undefined {
  let roleOutcome: PrevRole | undefined;
  try {
    return resolveInner();
  } finally {
    if (roleOutcome) setRole(roleOutcome);
  }
  function resolveInner(): Mention | undefined {
  const kinds = new Set(m.targets.map((t) => t.t));
  const mention = (start: number, end: number, entity: string, name: string, kind: MentionKind, office?: string): Mention => {
    const out: Mention = { start, end, text: text.slice(start, end), entity, name, kind };
    if (office !== undefined) out.office = office;
    return out;
  };

  if (kinds.has('person-full')) {
    const hit = resolveFullName(text, m, c, ctx);
    if (hit) return mention(hit.start, hit.end, hit.person.id, hit.person.name, hit.kind);
  }
  if (kinds.has('org')) {
    const hit = resolveOrganisation(text, m, next);
    if (hit) return mention(m.start, m.end, hit.entity.id, hit.entity.name, hit.kind);
    if (m.targets.some((t) => t.t === 'org' && t.distinct)) return undefined;
  }
  if (kinds.has('title') || kinds.has('generic-secretary')) {
    const r = coordinated(text, m, prevRole) ?? resolveRole(text, m, next, c, ctx);
    roleOutcome = { end: m.end, outcome: r };
    if (r.linked) {
      if (r.nameFollows) return undefined;
      return mention(m.start, m.end, r.holding.person.id, r.holding.person.name, 'role', r.holding.office.id);
    }
    if (kinds.size === 1 || kinds.has('generic-secretary')) return undefined;
  }
  if (kinds.has('person-short')) {
    const hit = resolveShortForm(text, m, c, ctx);
    if (hit) return mention(hit.start, hit.end, hit.person.id, hit.person.name, hit.kind);
  }
  for (const t of m.targets) {
    if (t.t === 'department' && hasSecretaryOn(c, t.department, ctx.date)) ctx.department = t.department;
    else if (t.t === 'topic') noteTopic(text, m, t.departments, c, ctx);
  }
  return undefined;
  }
}

/** A capitalised topic word hints at a department, if exactly one of its departments has a secretary that day. */
function noteTopic(text: string, m: RawMatch, departments: string[], c: Compiled, ctx: DocContext): void {
  if (!/^\p{Lu}/u.test(text.slice(m.start, m.end))) return;
  const live = departments.filter((d) => hasSecretaryOn(c, d, ctx.date));
  if (live.length === 1) ctx.weakDepartment = live[0];
}

/** Detection with work counters (the property tests check that cost is linear in the text). */
export function detectWithStats(detector: Detector, text: string, ctx: DocumentContext, stats: ScanStats): Mention[] {
  return (detector as DetectorImpl).run(text, asContext(ctx), stats);
}

class DetectorImpl implements Detector {
  constructor(private readonly c: Compiled) {}

  newContext(date: string): DocumentContext {
    return new DocContext(date);
  }

  detect(text: string, ctx: DocumentContext): Mention[] {
    return this.run(text, asContext(ctx));
  }

  run(text: string, ctx: DocContext, stats?: ScanStats): Mention[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const matches = findMatches(text, this.c, stats);
    const out: Mention[] = [];
    let prevRole: PrevRole | undefined;
    const setRole = (r: PrevRole): void => {
      prevRole = r;
    };
    for (let i = 0; i < matches.length; i++) {
      const m = resolve(text, matches[i]!, matches[i + 1], this.c, ctx, prevRole, setRole);
      if (m) out.push(m);
    }
    return out;
  }
}

export function createDetector(kb: KnowledgeBase): Detector {
  return new DetectorImpl(compile(kb));
}

/** Convenience: one whole text, one date. */
export function detectAll(kb: KnowledgeBase, text: string, date: string): Mention[] {
  const d = createDetector(kb);
  return d.detect(text, d.newContext(date));
}
