/**
 * Work to finish before the process exits (the worker's in-flight syncs, then the database). The HTTP
 * server (server.ts) runs these on SIGTERM/SIGINT; it reaches them through a global symbol because it
 * loads the app as a build and shares no module with it.
 */
type Hook = () => Promise<void> | void;

const KEY = Symbol.for("order-sync.shutdown-hooks");
const registry = globalThis as typeof globalThis & { [KEY]?: Hook[] };

export function onShutdown(hook: Hook): void {
  (registry[KEY] ??= []).push(hook);
}

/** Runs the hooks, newest first (the worker stops before the database it uses closes). */
export async function runShutdownHooks(): Promise<void> {
  const hooks = registry[KEY] ?? [];
  registry[KEY] = [];
  for (const hook of hooks.reverse()) await hook();
}
