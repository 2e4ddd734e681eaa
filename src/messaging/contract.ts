/**
 * The typed message contract, one union per direction. Every message is validated against these schemas
 * on arrival (never trusted because it came through runtime messaging) and its sender is checked by the
 * receiver (src/messaging/guard.ts).
 */
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/));
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const HttpUrl = v.pipe(v.string(), v.maxLength(4096), v.regex(/^https?:\/\//));
const ShortText = v.pipe(v.string(), v.maxLength(1000));
export const DateSourceSchema = v.picklist(['json-ld', 'meta', 'time', 'url', 'today']);

export const FoundEntitySchema = v.object({
  entity: Id,
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Office ids the mentions resolved through (role mentions), for the popup. */
  offices: v.pipe(v.array(Id), v.maxLength(50)),
});
export type FoundEntity = v.InferOutput<typeof FoundEntitySchema>;

export const PageReportSchema = v.object({
  url: HttpUrl,
  title: ShortText,
  date: IsoDate,
  dateSource: DateSourceSchema,
  /**
   * 'scanning' while the first pass runs, 'done' after, 'off' when highlighting is switched off here; 'partial'
   * when a long page has been read only as far as the reader needed so far (the entities found up to there).
   */
  status: v.picklist(['scanning', 'partial', 'done', 'off']),
  entities: v.pipe(v.array(FoundEntitySchema), v.maxLength(500)),
});
export type PageReport = v.InferOutput<typeof PageReportSchema>;

/** Most parts and characters in one detection request (each part at most PART_CHARS, src/core/detect/batch.ts). */
export const DETECT_BATCH_PARTS = 20_000;
export const DETECT_BATCH_CHARS = 1_048_576;

/** A document's detection context as plain data (src/core/detect/context.ts ContextState). */
const Seq = v.pipe(v.number(), v.integer(), v.minValue(0));
export const ContextStateSchema = v.object({
  date: IsoDate,
  seq: Seq,
  established: v.pipe(v.array(v.tuple([Id, Seq])), v.maxLength(10_000)),
  otherPeople: v.pipe(v.array(v.tuple([v.pipe(v.string(), v.maxLength(200)), Seq])), v.maxLength(200_000)),
  department: v.nullable(v.pipe(v.string(), v.maxLength(100))),
  weakDepartment: v.nullable(v.pipe(v.string(), v.maxLength(100))),
  political: v.boolean(),
  foreignOffices: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(1_000)),
});

/** content script -> background */
export const ContentToBackgroundSchema = v.variant('type', [
  /**
   * Detect the next texts of the page, in document order, continuing `context` (null: the page's first batch).
   * The page is read in the page and detected in the background, off the page's main thread.
   */
  v.object({
    type: v.literal('content/detect'),
    date: IsoDate,
    context: v.nullable(ContextStateSchema),
    // The parts travel as one string and the end offset of each: Chrome converts each string of a message on its
    // own, and 5 MB as one string crossed in 40 ms where 25,000 strings took 61 ms (measured while choosing this).
    text: v.pipe(v.string(), v.maxLength(DETECT_BATCH_CHARS)),
    ends: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.maxLength(DETECT_BATCH_PARTS)),
  }),
  /** Inject the highlight stylesheet into this frame as a user stylesheet (page CSS cannot override it). */
  v.object({ type: v.literal('content/insert-style') }),
  /** Take that stylesheet out again (the page turned out to own the <backstory-mention> name). */
  v.object({ type: v.literal('content/remove-style') }),
  /** Inject the card's script into this frame's extension world (first card opened on the page). */
  v.object({ type: v.literal('content/load-card') }),
  v.object({ type: v.literal('content/page-report'), report: PageReportSchema }),
  v.object({
    type: v.literal('content/get-card'),
    entity: Id,
    date: IsoDate,
    url: HttpUrl,
    pageEntities: v.pipe(v.array(Id), v.maxLength(500)),
  }),
  v.object({ type: v.literal('content/not-this-one'), entity: Id, url: HttpUrl, text: ShortText }),
]);
export type ContentToBackground = v.InferOutput<typeof ContentToBackgroundSchema>;

/** popup or options page -> background */
export const PageToBackgroundSchema = v.variant('type', [
  /** `url`: the tab's address when the opener knows it and the browser does not tell (popup opened in a tab). */
  v.object({ type: v.literal('popup/get-tab-state'), tabId: v.pipe(v.number(), v.integer()), url: v.optional(HttpUrl) }),
  v.object({ type: v.literal('popup/jump'), tabId: v.pipe(v.number(), v.integer()), entity: Id }),
  /** `url`: the page itself, left out of its own "newest earlier story". */
  v.object({ type: v.literal('popup/get-summaries'), entities: v.pipe(v.array(Id), v.maxLength(500)), date: IsoDate, url: v.optional(HttpUrl) }),
  /** After the reader granted the site's permission: register the content script there and scan the tab. */
  v.object({ type: v.literal('popup/enable-site'), tabId: v.pipe(v.number(), v.integer()) }),
  /** The popup is open on a page read only in part: have the tab's content script read the rest. */
  v.object({ type: v.literal('popup/read-page'), tabId: v.pipe(v.number(), v.integer()) }),
  /** The sites the reader enabled (granted optional host permissions), for the options page. */
  v.object({ type: v.literal('popup/list-sites') }),
  /** The default feed list (settings.feeds === null), for the options page. */
  v.object({ type: v.literal('popup/default-feeds') }),
  /** The date the served knowledge is current to ("knowledge as of"). */
  v.object({ type: v.literal('popup/knowledge-info') }),
  /** Options page "refresh now": fetch every feed of the list now, ignoring the schedule and backoff. */
  v.object({ type: v.literal('options/refresh-feeds') }),
  /** Options page "refresh now": ask Wikidata for the offices' holders now. */
  v.object({ type: v.literal('options/refresh-knowledge') }),
  /** Options page: forget the reading history. */
  v.object({ type: v.literal('options/history-clear') }),
  /** Options page: the reading history as a JSON document (format backstory-reading-history). */
  v.object({ type: v.literal('options/history-export') }),
]);
export type PageToBackground = v.InferOutput<typeof PageToBackgroundSchema>;

/** background -> content script */
export const BackgroundToContentSchema = v.variant('type', [
  v.object({ type: v.literal('bg/jump'), entity: Id }),
  v.object({ type: v.literal('bg/toggle') }),
  v.object({ type: v.literal('bg/report-request') }),
  /** Read the rest of a long page now (the popup is open: its list counts the whole page). */
  v.object({ type: v.literal('bg/read-all') }),
]);
export type BackgroundToContent = v.InferOutput<typeof BackgroundToContentSchema>;

export { Id as IdSchema, IsoDate as IsoDateSchema, HttpUrl as HttpUrlSchema };
