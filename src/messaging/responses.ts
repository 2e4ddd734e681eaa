/** What each request answers, by message type. */
import type { CardData } from '../core/card';
import type { BatchResult } from '../core/detect/batch';
import type { PageReport } from './contract';

export interface TabState {
  tabId: number;
  /** The tab's URL when the extension may know it (a site it runs on), else null. */
  url: string | null;
  /** Backstory can run on this page (an http(s) page, not a browser page or a PDF viewer). */
  canRun: boolean;
  /** The content script is injected on this site (a listed news site or one the reader enabled). */
  siteEnabled: boolean;
  report: PageReport | null;
}

export interface EntitySummary {
  id: string;
  type: 'person' | 'organisation' | 'place';
  name: string;
  summary: string;
  /** The person's office on the given date (short title), if any. */
  office: string | null;
  newestCoverage: { title: string; outlet: string; published: string; url: string } | null;
}

/** One feed's outcome of "refresh now" (the background's FeedResult is this type). */
export interface FeedRefreshResult {
  url: string;
  ok: boolean;
  /** Skipped because the feed is backing off after failures. */
  skipped?: boolean;
  error?: string;
  items?: number;
  matches?: number;
}

/** The knowledge refresh's outcome (the background's RefreshResult is this type). */
export interface KnowledgeRefreshResult {
  ok: boolean;
  /** Not due yet (use force for "refresh now"). */
  skipped?: boolean;
  error?: string;
  /** Whether the served knowledge changed. */
  changed: boolean;
  knowledgeAsOf: string;
}

export interface Responses {
  'content/detect': BatchResult;
  'content/insert-style': { ok: boolean };
  'content/remove-style': { ok: boolean };
  'content/load-card': { ok: boolean };
  'content/page-report': { ok: true };
  'content/get-card': CardData | null;
  'content/not-this-one': { ok: true };
  'popup/get-tab-state': TabState;
  'popup/jump': { ok: boolean };
  'popup/get-summaries': EntitySummary[];
  'popup/enable-site': { ok: boolean; scanned: boolean };
  'popup/read-page': { ok: boolean };
  'popup/list-sites': { origins: string[] };
  'popup/default-feeds': { url: string; label: string }[];
  'popup/knowledge-info': { knowledgeAsOf: string };
  'options/refresh-feeds': FeedRefreshResult[];
  'options/refresh-knowledge': KnowledgeRefreshResult;
  'options/history-clear': { cleared: number };
  'options/history-export': { json: string };
  'bg/jump': { ok: boolean };
  'bg/toggle': { enabled: boolean };
  'bg/report-request': { ok: true };
  'bg/read-all': { ok: true };
}
