/**
 * What a match's targets are, worked out once per target list rather than at every match. A trie node's
 * target list is shared by every match of its surface ("Secretary", "Reynolds" thousands of times in a live
 * blog), so the resolvers ask here instead of filtering the list each time.
 */
import type { Office, Person } from '../knowledge/schema';
import { departmentName, type Target } from './patterns';

type Of<K extends Target['t']> = Extract<Target, { t: K }>;

export interface TargetSummary {
  persons: Of<'person-full'>[];
  shorts: Of<'person-short'>[];
  /** The persons of `shorts`, in order, and whether any short form is an honorific one ("Mr Reynolds"). */
  shortPersons: Person[];
  shortHonorific: boolean;
  orgs: Of<'org'>[];
  /** Offices of every title target, in order. */
  titleOffices: Office[];
  /** Department names of those offices. */
  departments: Set<string>;
  hasTitle: boolean;
  hasGeneric: boolean;
  hasDistinct: boolean;
}

const cache = new WeakMap<readonly Target[], TargetSummary>();

function summarise(targets: readonly Target[]): TargetSummary {
  const s: TargetSummary = {
    persons: [],
    shorts: [],
    shortPersons: [],
    shortHonorific: false,
    orgs: [],
    titleOffices: [],
    departments: new Set(),
    hasTitle: false,
    hasGeneric: false,
    hasDistinct: false,
  };
  for (const t of targets) {
    if (t.t === 'person-full') s.persons.push(t);
    else if (t.t === 'person-short') {
      s.shorts.push(t);
      s.shortPersons.push(t.person);
      if (t.honorific) s.shortHonorific = true;
    }
    else if (t.t === 'org') {
      s.orgs.push(t);
      if (t.distinct) s.hasDistinct = true;
    } else if (t.t === 'title') {
      s.hasTitle = true;
      s.titleOffices.push(...t.offices);
    } else if (t.t === 'generic-secretary') s.hasGeneric = true;
  }
  for (const o of s.titleOffices) s.departments.add(departmentName(o.department));
  return s;
}

/** The summary of a target list (cached while the list lives; the lists are the knowledge's own). */
export function summaryOf(targets: readonly Target[]): TargetSummary {
  let s = cache.get(targets);
  if (s === undefined) {
    s = summarise(targets);
    cache.set(targets, s);
  }
  return s;
}
