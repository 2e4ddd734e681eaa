/** Background entry (service worker in Chrome, event page in Firefox): wires listeners, nothing else. */
import { browser, type Runtime } from '../platform/browser';
import { sendToTab } from '../messaging/send';
import { handleMessage } from './router';
import { watchTabs } from './tabs';
import { initCoverage } from './coverage-bridge';
import { watchSites } from './sites';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => handleMessage(message, sender));
watchTabs();
initCoverage();
watchSites();

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-highlights') return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await sendToTab(tab.id, { type: 'bg/toggle' }).catch(() => undefined);
});
