/** Give the main thread back to the page. `scheduler.yield` where the browser has it (keeps our
 * continuation ahead of other queued work), else a macrotask. */
export function yieldToPage(signal: AbortSignal): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield.call(s);
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 0);
    signal.addEventListener('abort', () => clearTimeout(t), { once: true });
  });
}
