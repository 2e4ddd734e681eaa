/**
 * Loads the card's UI on first use. The content script is one classic script with no run-time imports (see
 * main.iife.ts), so the card's code, which most pages never need, comes as a second script that the
 * background injects into this same extension world; it then registers its entry point there.
 */
import { installedCard, type CardModule } from '../ui/card/card-global';
import { sendToBackground } from '../messaging/send';

let loading: Promise<CardModule> | null = null;

export function loadCard(): Promise<CardModule> {
  const have = installedCard();
  if (have) return Promise.resolve(have);
  loading ??= sendToBackground({ type: 'content/load-card' })
    .then((res) => {
      const mod = res?.ok ? installedCard() : null;
      if (!mod) throw new Error('Backstory could not load the card');
      return mod;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}
