/** Give the main thread back to the page. `scheduler.yield` where the browser has it (keeps our
 * continuation ahead of other queued work), else a macrotask. */
export function yieldToPage(signal: AbortSignal): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  // A scheduler.yield continuation runs ahead of the page's own timers and callbacks: on a page with 100,000
  // text nodes a scan made only of such yields kept the page's 10 ms timer waiting for seconds. So at least
  // every FAIR_TURN_MS the scan queues behind the page's tasks instead.
  if (s?.yield && performance.now() - lastMacrotask < FAIR_TURN_MS) return s.yield.call(s);
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      lastMacrotask = performance.now();
      resolve();
    }, 0);
    signal.addEventListener('abort', () => clearTimeout(t), { once: true });
  });
}

/** The page's queued tasks get a turn at least this often while Backstory works (a long task is 50 ms). */
const FAIR_TURN_MS = 40;
let lastMacrotask = 0;
