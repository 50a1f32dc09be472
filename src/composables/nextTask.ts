/**
 * Resolves in a task of its own, so the browser can handle a tap (and paint) between two pieces of
 * start-up work instead of blocking in one long task. Uses `scheduler.yield` where the browser has
 * it (the rest then runs ahead of other queued tasks), else a zero-delay timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}
