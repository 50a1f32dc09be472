/**
 * Resolves once the browser has painted the next frame. Work that is not on the first screen
 * (service-worker registration, storage checks) waits for it, so the first paint does not wait
 * for that work's requests and tasks.
 */
export function afterNextPaint(): Promise<void> {
  // rAF runs just before the frame is painted; a task queued from it runs after the paint.
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
}
