import { env } from "~/env.server";
import { unauthenticated } from "~/shopify.server";
import { createAdminClient, type AdminClient } from "./admin-client.server";
import type { ThrottleBucket } from "./throttle/throttle-bucket";
import { ShopifyAuthError } from "./errors";
import { sharedBucket } from "./throttle/shared-bucket.server";

/** An offline session, its token decrypted, read along with other rows (the sync's claim reads it). */
export type StoredSession = { accessToken: string; expires: Date | null };

// Offline tokens expire (expiringOfflineAccessTokens): one that expires this soon goes through the library,
// which refreshes it.
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * An Admin client for a store, from its offline session — the same in a request and in a worker, so
 * the sync runs identically from the Sync button and from the queue. `SHOPIFY_ADMIN_API_URL` points it at
 * the stand-in; unset, it talks to Shopify. A `stored` session that is not about to expire is used as it
 * is; otherwise the library loads the session (and refreshes an expired token).
 */
export async function adminClientForShop(shop: string, stored?: StoredSession | null): Promise<AdminClient> {
  let accessToken: string | undefined;
  if (stored && (!stored.expires || stored.expires.getTime() - Date.now() > EXPIRY_MARGIN_MS)) {
    accessToken = stored.accessToken;
  } else {
    try {
      accessToken = (await unauthenticated.admin(shop)).session.accessToken;
    } catch (error) {
      if ((error as Error).name !== "SessionNotFoundError") throw error;
    }
  }
  if (!accessToken)
    throw new ShopifyAuthError(`The app has no access to ${shop}: open the app in Shopify admin.`, 401);
  // With REDIS_URL every process paces its requests to the store on one bucket (docs/decisions/012-bullmq.md).
  const bucket: ThrottleBucket | undefined = env.REDIS_URL ? sharedBucket(shop) : undefined;
  return createAdminClient({
    shop,
    accessToken,
    baseUrl: env.SHOPIFY_ADMIN_API_URL,
    ...(bucket ? { bucket } : {}),
  });
}
