/**
 * Waits until `condition` answers true, or the time is up; answers whether it did. For what background work
 * (timers, workers, other processes) makes true.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  everyMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return condition();
}
