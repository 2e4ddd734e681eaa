/**
 * Date-aware queries over a compiled Knowledge. Pure TypeScript: the same in node and in every extension
 * context. Build once per knowledge version (indexes are made in the constructor), then query freely.
 */
import type { Knowledge } from './compile';
import type { Entity, Fact, HolderUnknown, IsoDate, Office, Person, Tenure, TimelineEntry, Vacancy } from './schema';

export interface Holding {
  person: Person;
  office: Office;
  tenure: Tenure;
}

/** Fold a surface string for lookup: case, curly quotes, dashes and runs of white space. */
export function foldSurface(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function within(date: IsoDate, from: IsoDate, to: IsoDate | null): boolean {
  return from <= date && (to === null || date < to);
}

export class KnowledgeBase {
  readonly knowledgeAsOf: IsoDate;
  private readonly byId = new Map<string, Entity>();
  private readonly officeById = new Map<string, Office>();
  private readonly holdings = new Map<string, { person: Person; tenure: Tenure }[]>();
  private readonly officesByTitle = new Map<string, Office[]>();
  private readonly entitiesBySurface = new Map<string, Entity[]>();

  constructor(readonly data: Knowledge) {
    this.knowledgeAsOf = data.meta.knowledgeAsOf;
    for (const o of data.offices) {
      this.officeById.set(o.id, o);
      for (const title of new Set([o.name, o.shortName, ...o.titles].map(foldSurface))) {
        const list = this.officesByTitle.get(title) ?? [];
        list.push(o);
        this.officesByTitle.set(title, list);
      }
    }
    const addSurface = (surface: string, e: Entity): void => {
      const key = foldSurface(surface);
      const list = this.entitiesBySurface.get(key) ?? [];
      if (!list.includes(e)) list.push(e);
      this.entitiesBySurface.set(key, list);
    };
    for (const e of data.entities) {
      this.byId.set(e.id, e);
      if (e.type === 'person') {
        for (const s of [e.name, ...e.names, ...e.shortForms, e.surname]) addSurface(s, e);
        for (const t of e.tenures) {
          const list = this.holdings.get(t.office) ?? [];
          list.push({ person: e, tenure: t });
          this.holdings.set(t.office, list);
        }
      } else {
        for (const s of [e.name, ...e.aliases]) addSurface(s, e);
      }
    }
  }

  entity(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  person(id: string): Person | undefined {
    const e = this.byId.get(id);
    return e?.type === 'person' ? e : undefined;
  }

  office(id: string): Office | undefined {
    return this.officeById.get(id);
  }

  get entities(): readonly Entity[] {
    return this.data.entities;
  }

  get offices(): readonly Office[] {
    return this.data.offices;
  }

  /** Offices a surface title can name ("Business Secretary" -> BIS, BEIS and DBT secretaries). */
  officesForTitle(title: string): Office[] {
    return this.officesByTitle.get(foldSurface(title)) ?? [];
  }

  /** Every title the knowledge base knows, for building matchers. */
  allTitles(): string[] {
    return [...this.officesByTitle.keys()];
  }

  /** Holders of one office on a date (one for a single-holder office, possibly several for a junior rank). */
  holdersOn(officeId: string, date: IsoDate): Holding[] {
    const office = this.officeById.get(officeId);
    if (!office) return [];
    return (this.holdings.get(officeId) ?? [])
      .filter(({ tenure }) => within(date, tenure.from, tenure.to))
      .map(({ person, tenure }) => ({ person, office, tenure }));
  }

  /** The documented vacancy of an office covering a date (the office stood empty that day), if any. */
  vacancyOn(officeId: string, date: IsoDate): Vacancy | undefined {
    return this.officeById.get(officeId)?.vacant?.find((gap) => within(date, gap.from, gap.to));
  }

  /** The documented period in which an office was held by someone the knowledge base cannot name, if any. */
  holderUnknownOn(officeId: string, date: IsoDate): HolderUnknown | undefined {
    return this.officeById.get(officeId)?.holderUnknown?.find((gap) => within(date, gap.from, gap.to));
  }

  /** The single holder of an office on a date, or undefined when vacant, unknown or shared. */
  holderOn(officeId: string, date: IsoDate): Holding | undefined {
    const list = this.holdersOn(officeId, date);
    return list.length === 1 ? list[0] : undefined;
  }

  /**
   * Who a role title names on a date: looks at every office carrying that title which existed then
   * (renamed departments share titles, so "Business Secretary" finds the BIS, BEIS or DBT secretary).
   * Returns undefined unless exactly one person holds such an office that day.
   */
  holderOfTitleOn(title: string, date: IsoDate): Holding | undefined {
    const found: Holding[] = [];
    for (const office of this.officesForTitle(title)) {
      if (!within(date, office.from, office.to)) continue;
      found.push(...this.holdersOn(office.id, date));
    }
    const people = new Set(found.map((h) => h.person.id));
    return people.size === 1 ? found[0] : undefined;
  }

  /** The offices a person held on a date, most senior (cabinet) first. */
  officesHeldOn(personId: string, date: IsoDate): Holding[] {
    const person = this.person(personId);
    if (!person) return [];
    return person.tenures
      .filter((t) => within(date, t.from, t.to))
      .flatMap((t) => {
        const office = this.officeById.get(t.office);
        return office ? [{ person, office, tenure: t }] : [];
      })
      .sort((a, b) => Number(b.office.cabinet) - Number(a.office.cabinet));
  }

  /** Entities a surface string may name (before any disambiguation by context). */
  candidatesFor(surface: string): Entity[] {
    return this.entitiesBySurface.get(foldSurface(surface)) ?? [];
  }

  /** All surface strings known for entities, for building matchers. */
  allSurfaces(): string[] {
    return [...this.entitiesBySurface.keys()];
  }

  /** Facts known as of a date (asOf on or before it), newest first. */
  factsAsOf(entityId: string, date: IsoDate): Fact[] {
    const e = this.byId.get(entityId);
    if (!e) return [];
    return e.facts.filter((f) => f.asOf <= date).sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : 0));
  }

  /** Timeline entries up to and including a date, in date order. */
  timelineUntil(entityId: string, date: IsoDate): TimelineEntry[] {
    const e = this.byId.get(entityId);
    if (!e || e.type === 'person') return [];
    return e.timeline.filter((t) => t.date <= date);
  }
}
