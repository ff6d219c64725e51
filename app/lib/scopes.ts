/** What the way back needs: Shopify's fulfilments (webhooks and reads) to send their tracking to TikTok. */
export const WAY_BACK_SCOPE = "read_fulfillments";

/**
 * Whether the scopes a store granted (Shopify's comma-separated list, as the session keeps it) include
 * `wanted`; a `write_` scope grants its `read_`. A session that doesn't say counts as granting: the app
 * asks for nothing on a guess.
 */
export function grantsScope(granted: string | null | undefined, wanted: string): boolean {
  if (granted === null || granted === undefined) return true;
  const scopes = new Set(granted.split(",").map((scope) => scope.trim()));
  if (scopes.has(wanted)) return true;
  const [access, ...resource] = wanted.split("_");
  return access === "read" && scopes.has(`write_${resource.join("_")}`);
}
