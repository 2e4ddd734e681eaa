import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ContentToBackgroundSchema, PageToBackgroundSchema } from '../../src/messaging/contract';
import { allowedFor, classifySender } from '../../src/messaging/guard';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('who may send what', () => {
  it('accepts content messages only from a tab frame of our own extension', () => {
    expect(classifySender({ id: ID, tab: { id: 3 }, frameId: 0, url: 'https://www.bbc.co.uk/news/x' }, ID, ORIGIN)).toBe('content');
    expect(classifySender({ id: 'other-extension', tab: { id: 3 }, frameId: 0 }, ID, ORIGIN)).toBe('rejected');
    expect(classifySender({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBe('rejected');
  });

  it('recognises our own pages (popup, options) by origin, even when opened in a tab', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}/src/popup/index.html` }, ID, ORIGIN)).toBe('extension-page');
    expect(classifySender({ id: ID, url: `${ORIGIN}/src/options/index.html`, tab: { id: 9 }, frameId: 0 }, ID, ORIGIN)).toBe('extension-page');
    // A look-alike origin is not ours.
    expect(classifySender({ id: ID, url: `${ORIGIN}.evil.example/x`, tab: { id: 9 }, frameId: 0 }, ID, ORIGIN)).toBe('content');
  });

  it('lets a content script send only content messages, and a page only popup messages', () => {
    expect(allowedFor('content/get-card', 'content')).toBe(true);
    expect(allowedFor('popup/jump', 'content')).toBe(false);
    expect(allowedFor('popup/jump', 'extension-page')).toBe(true);
    expect(allowedFor('content/get-card', 'rejected')).toBe(false);
    // The options page's actions (refresh now, clear the history) are never a web page's to trigger.
    expect(allowedFor('options/history-clear', 'extension-page')).toBe(true);
    expect(allowedFor('options/history-clear', 'content')).toBe(false);
    expect(allowedFor('options/refresh-feeds', 'rejected')).toBe(false);
  });

  it('rejects malformed messages by schema', () => {
    expect(v.safeParse(ContentToBackgroundSchema, { type: 'content/get-card', entity: 'x', date: 'yesterday', url: 'https://a/', pageEntities: [] }).success).toBe(false);
    expect(v.safeParse(ContentToBackgroundSchema, { type: 'content/get-card', entity: '<img>', date: '2024-01-01', url: 'https://a/', pageEntities: [] }).success).toBe(false);
    expect(v.safeParse(ContentToBackgroundSchema, { type: 'content/page-report', report: { url: 'javascript:1', title: '', date: '2024-01-01', dateSource: 'meta', status: 'done', entities: [] } }).success).toBe(false);
    expect(v.safeParse(PageToBackgroundSchema, { type: 'popup/jump', tabId: 1.5, entity: 'a' }).success).toBe(false);
    expect(v.safeParse(PageToBackgroundSchema, { type: 'popup/jump', tabId: 4, entity: 'hitachi-rail' }).success).toBe(true);
  });
});
