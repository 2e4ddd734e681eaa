/**
 * Every timing the content script uses, in one place, each with its reason.
 */

/** Work on the page in slices no longer than this, then yield: a task over 50 ms is a "long task" the
 * reader can feel (RAIL); 8 ms leaves the page most of each frame. */
export const SLICE_BUDGET_MS = 8;

/** Coalesce DOM mutations for this long before scanning them: live blogs and infinite scroll append in
 * bursts; scanning once per burst costs less than once per node. */
export const MUTATION_DEBOUNCE_MS = 50;

/** Send the popup/badge report at most this often while a page keeps changing. */
export const REPORT_THROTTLE_MS = 500;

/** How often an idle content script checks whether its extension was updated or disabled underneath it
 * (runtime context invalidated). Cheap; the check is also made on every message and mutation batch. */
export const ORPHAN_CHECK_MS = 5_000;
