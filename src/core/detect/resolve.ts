/**
 * Dispatch: decides what one candidate match is, given its targets, its neighbours and the document so far.
 * A full name wins over everything; then organisations and places (a distinct entity swallows the match);
 * then office titles; then short forms and bare surnames. Department names and topic words only inform the
 * document context.
 */
import type { DocContext } from './context';
import type { RawMatch } from './matcher';
import type { Compiled } from './patterns';
import { resolveFullName, resolveShortForm } from './people';
import { resolveOrganisation } from './organisations';
import { hasSecretary, resolveRole, type RoleOutcome } from './roles';
import type { Mention, MentionKind } from './types';

/** The last role title in a chunk and what became of it (for "deputy PM and justice secretary"). */
export interface PrevRole {
  end: number;
  outcome: RoleOutcome;
}

export interface Resolved {
  mention?: Mention;
  /** Set when the match was an office title. */
  role?: PrevRole;
}

/** A title joined by "and"/"or" to a title that was not the current holder shares its fate. */
function coordinated(text: string, m: RawMatch, prev: PrevRole | undefined): RoleOutcome | undefined {
  if (!prev || prev.outcome.linked || m.start - prev.end > 8) return undefined;
  const gap = text.slice(prev.end, m.start);
  return /^\s+(?:and|or|&)\s+$/.test(gap) ? { linked: false, reason: `coordinated with a title that was ${prev.outcome.reason}` } : undefined;
}

/** An upper-case letter at lastIndex (sticky: the same test as /^\p{Lu}/u on the match's text, without slicing it). */
const UPPER_AT = /\p{Lu}/uy;

/** A capitalised topic word hints at a department, if exactly one of its departments has a secretary that day. */
function noteTopic(text: string, m: RawMatch, departments: string[], c: Compiled, ctx: DocContext): void {
  UPPER_AT.lastIndex = m.start;
  if (!UPPER_AT.test(text)) return;
  const live = departments.filter((d) => hasSecretary(c, d, ctx));
  if (live.length === 1) ctx.weakDepartment = live[0];
}

function mention(text: string, start: number, end: number, entity: string, name: string, kind: MentionKind, office?: string): Mention {
  const out: Mention = { start, end, text: text.slice(start, end), entity, name, kind };
  if (office !== undefined) out.office = office;
  return out;
}

export function resolveMatch(
  text: string,
  m: RawMatch,
  next: RawMatch | undefined,
  prevRole: PrevRole | undefined,
  c: Compiled,
  ctx: DocContext,
): Resolved {
  const s = m.summary;
  const hasFull = s.persons.length > 0;
  const hasShort = s.shorts.length > 0;
  const hasOrg = s.orgs.length > 0;
  const { hasTitle, hasGeneric, hasDistinct } = s;

  // Any office title or department name says the text is about politics (a full name does once it is linked).
  if (hasTitle || hasGeneric) ctx.political = true;
  if (hasFull) {
    const hit = resolveFullName(text, m, c, ctx);
    if (hit) return { mention: mention(text, hit.start, hit.end, hit.person.id, hit.person.name, hit.kind) };
  }
  if (hasOrg) {
    const hit = resolveOrganisation(text, m, next);
    if (hit) return { mention: mention(text, m.start, m.end, hit.entity.id, hit.entity.name, hit.kind) };
    if (hasDistinct) return {};
  }
  if (hasTitle || hasGeneric) {
    const outcome = coordinated(text, m, prevRole) ?? resolveRole(text, m, next, c, ctx);
    const role = { end: m.end, outcome };
    if (outcome.linked) {
      const h = outcome.holding;
      return outcome.nameFollows ? { role } : { role, mention: mention(text, m.start, m.end, h.person.id, h.person.name, 'role', h.office.id) };
    }
    if (!hasShort || hasGeneric) return { role };
  }
  if (hasShort) {
    const hit = resolveShortForm(text, m, c, ctx);
    if (hit) return { mention: mention(text, hit.start, hit.end, hit.person.id, hit.person.name, hit.kind) };
  }
  for (const t of m.targets) {
    if (t.t === 'department') {
      ctx.political = true;
      if (hasSecretary(c, t.department, ctx)) ctx.department = t.department;
    }
    else if (t.t === 'topic') noteTopic(text, m, t.departments, c, ctx);
  }
  return {};
}
