/**
 * The knowledge base schema. Knowledge is data (JSON files under src/knowledge/), validated by these
 * valibot schemas when it is compiled (in the build, the CLIs and the tests), never trusted blindly.
 *
 * Dates are ISO calendar dates (YYYY-MM-DD). Every range is half-open: `from` is the first day, `to` is
 * the first day it no longer holds (exclusive), so on a changeover day the new holder holds the office.
 */
import * as v from 'valibot';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export const IsoDateSchema = v.pipe(
  v.string(),
  v.regex(ISO_DATE, 'must be a date written YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date'),
);

/** Every source is an http(s) URL. */
export const SourceSchema = v.pipe(
  v.string(),
  v.url('source must be a URL'),
  v.regex(/^https?:\/\//, 'source must be an http(s) URL'),
);

/** Kebab-case id, e.g. `jonathan-reynolds`, `transport-secretary`. */
export const IdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case'));

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));

/** A fact a reader may want, true as of a date, with its source. */
export const FactSchema = v.strictObject({
  text: NonEmpty,
  asOf: IsoDateSchema,
  source: SourceSchema,
});

/** A dated event in an entity's story (shown on the card up to the article's date). */
export const TimelineEntrySchema = v.strictObject({
  date: IsoDateSchema,
  text: NonEmpty,
  source: SourceSchema,
});

/**
 * One period in one office. `to` is exclusive; `to: null` means still in office, which is only allowed
 * with `evidenceAsOf`: the date of the most recent evidence that the tenure continues.
 */
export const TenureSchema = v.pipe(
  v.strictObject({
    office: IdSchema,
    from: IsoDateSchema,
    to: v.nullable(IsoDateSchema),
    source: SourceSchema,
    evidenceAsOf: v.optional(IsoDateSchema),
    note: v.optional(NonEmpty),
  }),
  v.check((t) => t.to === null || t.from < t.to, 'a tenure must end after it starts'),
  v.check((t) => t.to !== null || t.evidenceAsOf !== undefined, 'an open tenure needs evidenceAsOf'),
);

export const SeatSchema = v.pipe(
  v.strictObject({
    name: NonEmpty,
    house: v.picklist(['commons', 'lords']),
    from: IsoDateSchema,
    to: v.nullable(IsoDateSchema),
    source: SourceSchema,
  }),
  v.check((s) => s.to === null || s.from < s.to, 'a seat must end after it starts'),
);

export const PartySchema = v.strictObject({
  name: NonEmpty,
  from: v.optional(IsoDateSchema),
  to: v.optional(v.nullable(IsoDateSchema)),
  source: SourceSchema,
});

export const PersonSchema = v.strictObject({
  id: IdSchema,
  type: v.literal('person'),
  /** Canonical name as news writes it: "Jonathan Reynolds", "Keir Starmer". */
  name: NonEmpty,
  /** The surname as used alone in news ("Reynolds", "Long Bailey"). */
  surname: NonEmpty,
  /** Other full forms that identify the person on their own: "Jonny Reynolds", "Sir Keir Starmer". */
  names: v.array(NonEmpty),
  /**
   * Short forms that only link once the document has made clear who is meant: "Mr Reynolds", "Sir Keir",
   * "Lord Hendy". The bare surname is always such a short form and need not be listed.
   */
  shortForms: v.array(NonEmpty),
  summary: NonEmpty,
  summarySource: SourceSchema,
  parties: v.array(PartySchema),
  seats: v.array(SeatSchema),
  tenures: v.array(TenureSchema),
  facts: v.array(FactSchema),
  /** Wikidata item id (Q...), used by the knowledge refresh. */
  wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q\d+$/))),
});

export const OrganisationOrPlaceSchema = v.strictObject({
  id: IdSchema,
  type: v.picklist(['organisation', 'place']),
  name: NonEmpty,
  /**
   * Surface forms that name this entity on their own ("Hitachi Rail", "Hitachi", "Newton Aycliffe",
   * "Aycliffe"). Longer forms of other entities win ("Hitachi Energy" is not Hitachi Rail).
   */
  aliases: v.array(NonEmpty),
  /**
   * `core`: Backstory highlights it. `distinct`: known only so that it is recognised and never mistaken
   * for a core entity (Hitachi Energy, Aycliffe Village); never highlighted.
   */
  scope: v.picklist(['core', 'distinct']),
  summary: NonEmpty,
  summarySource: SourceSchema,
  facts: v.array(FactSchema),
  timeline: v.array(TimelineEntrySchema),
  /** Ids of related entities (parent company, the town of a factory...). */
  related: v.array(IdSchema),
  wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q\d+$/))),
});

export const EntitySchema = v.variant('type', [PersonSchema, OrganisationOrPlaceSchema]);

/**
 * A documented period in which a Cabinet office that is normally always filled stood vacant (e.g. the Welsh
 * Secretary after Alun Cairns resigned on 6 November 2019 until Simon Hart was appointed on 16 December 2019).
 * Half-open like a tenure: `to` is the day the next holder took office.
 */
export const VacancySchema = v.pipe(
  v.strictObject({
    from: IsoDateSchema,
    to: IsoDateSchema,
    source: SourceSchema,
    note: v.optional(NonEmpty),
  }),
  v.check((x) => x.from < x.to, 'a vacancy must end after it starts'),
);

/**
 * A documented period in which an office was held but the knowledge base does not know by whom: the sources
 * show the previous holder left (e.g. James Murray moved from the Treasury to Health on 14 May 2026) but no
 * stored page names the successor. Not a vacancy: it records the limit of what is known. `to: null` while open.
 */
export const HolderUnknownSchema = v.pipe(
  v.strictObject({
    from: IsoDateSchema,
    to: v.nullable(IsoDateSchema),
    source: SourceSchema,
    note: NonEmpty,
  }),
  v.check((x) => x.to === null || x.from < x.to, 'an unknown-holder period must end after it starts'),
);

export const OfficeSchema = v.pipe(
  v.strictObject({
    id: IdSchema,
    /** Formal name: "Secretary of State for Transport". */
    name: NonEmpty,
    /** What news calls it: "Transport Secretary". */
    shortName: NonEmpty,
    /** Every surface title that names this office in news, formal and informal ("PM", "rail minister"). */
    titles: v.array(NonEmpty),
    department: NonEmpty,
    /** Cabinet-level office: the coverage test demands a holder on every day it exists since May 2010. */
    cabinet: v.boolean(),
    /** `single`: one holder at a time (no overlaps allowed). `multiple`: several at once (a junior rank). */
    holders: v.picklist(['single', 'multiple']),
    /** When the office existed (to exclusive, null = exists today). */
    from: IsoDateSchema,
    to: v.nullable(IsoDateSchema),
    /** The office this one continues after a department was renamed or merged (BIS -> BEIS -> DBT). */
    replaces: v.optional(IdSchema),
    /**
     * The office may lawfully stand vacant (Deputy Prime Minister, First Secretary of State, Minister without
     * Portfolio...): the coverage test does not demand a holder on every day.
     */
    vacancies: v.optional(v.boolean()),
    /**
     * Documented vacancies of an office that is otherwise always filled: each must lie within the office's
     * existence and overlap no holder's tenure (checked by the compiler). The coverage test accepts these days.
     */
    vacant: v.optional(v.array(VacancySchema)),
    /** Documented periods in which the office was held by someone the knowledge base cannot name (see above). */
    holderUnknown: v.optional(v.array(HolderUnknownSchema)),
    source: SourceSchema,
    wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q\d+$/))),
  }),
  v.check((o) => o.to === null || o.from < o.to, 'an office must end after it starts'),
);

/** One file under src/knowledge/offices/: a group of offices (one department or family). */
export const OfficeFileSchema = v.strictObject({
  offices: v.array(OfficeSchema),
});

/** src/knowledge/meta.json: the dated "knowledge as of" stamp. */
export const MetaSchema = v.strictObject({
  knowledgeAsOf: IsoDateSchema,
});

export type IsoDate = string;
export type Fact = v.InferOutput<typeof FactSchema>;
export type TimelineEntry = v.InferOutput<typeof TimelineEntrySchema>;
export type Tenure = v.InferOutput<typeof TenureSchema>;
export type Seat = v.InferOutput<typeof SeatSchema>;
export type Party = v.InferOutput<typeof PartySchema>;
export type Person = v.InferOutput<typeof PersonSchema>;
export type OrganisationOrPlace = v.InferOutput<typeof OrganisationOrPlaceSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type Office = v.InferOutput<typeof OfficeSchema>;
export type Vacancy = v.InferOutput<typeof VacancySchema>;
export type HolderUnknown = v.InferOutput<typeof HolderUnknownSchema>;
export type Meta = v.InferOutput<typeof MetaSchema>;
