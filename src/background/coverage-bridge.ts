/**
 * The background's door to related coverage and reading history (issue 6). Corrections ("Not this one?")
 * are kept here, locally, capped.
 */
import type { CoverageLine } from '../core/card';
import type { PageReport } from '../messaging/contract';
import { browser } from '../platform/browser';

const CORRECTIONS_KEY = 'corrections';
const MAX_CORRECTIONS = 1000;

export interface Correction {
  entity: string;
  url: string;
  text: string;
  at: string;
}

export async function recordCorrection(entity: string, url: string, text: string): Promise<void> {
  const got = await browser.storage.local.get(CORRECTIONS_KEY);
  const list = Array.isArray(got[CORRECTIONS_KEY]) ? (got[CORRECTIONS_KEY] as Correction[]) : [];
  list.push({ entity, url, text, at: new Date().toISOString() });
  await browser.storage.local.set({ [CORRECTIONS_KEY]: list.slice(-MAX_CORRECTIONS) });
}

export async function coverageFor(
  _entity: string,
  _page: { url: string; date: string; entities: string[] },
): Promise<CoverageLine[]> {
  return [];
}

export async function newestCoverage(_entity: string, _date: string): Promise<CoverageLine | null> {
  return null;
}

export async function recordVisit(_report: PageReport): Promise<void> {}
