/**
 * The contents of a card, computed from the knowledge base for an entity as of an article's date.
 * Pure: the background calls it and adds related coverage; tests call it in node.
 */
import type { KnowledgeBase } from './knowledge/query';
import type { Fact, TimelineEntry } from './knowledge/schema';

export interface OfficeLine {
  officeId: string;
  title: string;
  from: string;
  to: string | null;
  /** For an open tenure: the date of the latest evidence that it continues (the card says "last confirmed"). */
  evidenceAsOf?: string;
}

export interface CoverageLine {
  url: string;
  title: string;
  outlet: string;
  published: string;
  /** Set when the reader opened this article (reading history). */
  readAt?: string;
}

export interface CardData {
  id: string;
  type: 'person' | 'organisation' | 'place';
  name: string;
  summary: string;
  summarySource: string;
  /** The article's date the card speaks about. */
  date: string;
  knowledgeAsOf: string;
  /** People: offices held on the article's date, and now (as of the knowledge date). */
  officesOnDate: OfficeLine[];
  officesNow: OfficeLine[];
  party: string | null;
  seat: string | null;
  facts: Fact[];
  timeline: TimelineEntry[];
  coverage: CoverageLine[];
}

const MAX_FACTS = 4;
const MAX_TIMELINE = 6;

function within(date: string, from: string, to: string | null | undefined): boolean {
  return (from === undefined || from <= date) && (to === null || to === undefined || date < to);
}

export function buildCard(kb: KnowledgeBase, entityId: string, date: string): CardData | null {
  const e = kb.entity(entityId);
  if (!e) return null;
  const base = {
    id: e.id,
    type: e.type,
    name: e.name,
    summary: e.summary,
    summarySource: e.summarySource,
    date,
    knowledgeAsOf: kb.knowledgeAsOf,
    coverage: [],
  };
  const facts = kb.factsAsOf(entityId, date).slice(0, MAX_FACTS);
  if (e.type !== 'person') {
    // The newest entries up to the article's date, shown oldest first.
    const timeline = kb.timelineUntil(entityId, date).slice(-MAX_TIMELINE);
    return { ...base, officesOnDate: [], officesNow: [], party: null, seat: null, facts, timeline };
  }
  const line = (h: { office: { id: string; shortName: string }; tenure: { from: string; to: string | null; evidenceAsOf?: string } }): OfficeLine => {
    const out: OfficeLine = { officeId: h.office.id, title: h.office.shortName, from: h.tenure.from, to: h.tenure.to };
    if (h.tenure.to === null && h.tenure.evidenceAsOf) out.evidenceAsOf = h.tenure.evidenceAsOf;
    return out;
  };
  const party = e.parties.find((p) => within(date, p.from ?? '0000-00-00', p.to)) ?? e.parties.at(-1);
  const seat = e.seats.find((s) => within(date, s.from, s.to));
  return {
    ...base,
    officesOnDate: kb.officesHeldOn(entityId, date).map(line),
    officesNow: kb.officesHeldOn(entityId, kb.knowledgeAsOf).map(line),
    party: party?.name ?? null,
    seat: seat ? (seat.house === 'lords' ? 'House of Lords' : seat.name) : null,
    facts,
    timeline: [],
  };
}
