/**
 * Organisations and places: "Hitachi Rail", "Hitachi", "HITACHI", "Newton Aycliffe", "Aycliffe". A longer
 * surface of a distinct entity has already won in the matcher ("Hitachi Energy", "Aycliffe Village"); such
 * a match is swallowed here. A short alias right before or after a capitalised word that the knowledge base
 * does not know is part of some other proper name ("Hitachi Vantara", "Aycliffe Business Park", "Great
 * Aycliffe") and is not linked.
 */
import type { Entity } from '../knowledge/schema';
import type { RawMatch } from './matcher';
import { allCaps, capitalised, plainGap, possessiveAt, sentenceStart, wordsAfter, wordsBefore } from './neighbours';
import { CAPITALISED_FOLLOWERS_OK, CAPITALISED_NON_NAMES, HEADLINE_WORDS } from './lexicon';

/** Capitalised nouns after an alias that do not make a longer proper name ("Hitachi Class 800", Title Case "Hitachi Plant Saved"). */
const GENERIC_NOUNS = new Set([
  'class', 'plant', 'plants', 'factory', 'factories', 'site', 'sites', 'train', 'trains', 'jobs', 'job', 'deal', 'deals',
  'workers', 'workforce', 'staff', 'boss', 'bosses', 'order', 'orders', 'contract', 'contracts', 'investment', 'lifeline',
  'closure', 'future', 'says', 'said', 'wins', 'win', 'secures', 'confirms', 'announces', 'warns', 'cuts', 'builds',
  'station', 'residents', 'town', 'council', 'mp', 'rail', 'railway', 'depot', 'works', 'trainbuilder', 'carriages',
]);

export interface OrgHit {
  entity: Entity;
  kind: 'name' | 'alias';
}

export function resolveOrganisation(text: string, m: RawMatch, next: RawMatch | undefined): OrgHit | undefined {
  const orgs = m.summary.orgs;
  if (orgs.length === 0) return undefined;
  const core = orgs.filter((t) => !t.distinct);
  if (core.length === 0) return undefined; // a distinct entity: recognised, never shown
  const raw = text.slice(m.start, m.end);
  if (!capitalised(raw)) return undefined;
  // Prefer the entity whose canonical name this is.
  const pick = core.find((t) => !t.alias) ?? core[0]!;
  if (pick.alias && !allCaps(raw) && !possessiveAt(text, m.end)) {
    const a0 = wordsAfter(text, m.end, 1)[0];
    if (a0 && plainGap(a0.gap) && capitalised(a0.raw) && !allCaps(a0.raw) && !CAPITALISED_FOLLOWERS_OK.has(a0.folded) && !GENERIC_NOUNS.has(a0.folded) && !HEADLINE_WORDS.has(a0.folded)) {
      const known = next && next.start === a0.start && next.targets.some((t) => t.t === 'org' || t.t === 'person-full' || t.t === 'person-short');
      if (!known) return undefined;
    }
  }
  if (pick.alias && !allCaps(raw)) {
    // "Great Aycliffe", "School Aycliffe": a capitalised word before a short alias makes another place's name.
    const b0 = wordsBefore(text, m.start, 1)[0];
    if (b0 && plainGap(b0.gap) && capitalised(b0.raw) && !allCaps(b0.raw) && !CAPITALISED_NON_NAMES.has(b0.folded) && !HEADLINE_WORDS.has(b0.folded) && !sentenceStart(text, b0.start)) {
      return undefined;
    }
  }
  return { entity: pick.entity, kind: pick.alias ? 'alias' : 'name' };
}
