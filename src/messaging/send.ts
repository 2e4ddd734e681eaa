/** Typed senders: the only way extension code sends runtime messages. */
import { browser } from '../platform/browser';
import type { BackgroundToContent, ContentToBackground, PageToBackground } from './contract';
import type { Responses } from './responses';

type ToBackground = ContentToBackground | PageToBackground;

export async function sendToBackground<M extends ToBackground>(msg: M): Promise<Responses[M['type']]> {
  return (await browser.runtime.sendMessage(msg)) as Responses[M['type']];
}

export async function sendToTab<M extends BackgroundToContent>(tabId: number, msg: M): Promise<Responses[M['type']]> {
  return (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as Responses[M['type']];
}
