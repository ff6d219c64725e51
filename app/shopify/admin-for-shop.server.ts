import { env } from "~/env.server";
import { unauthenticated } from "~/shopify.server";
import { createAdminClient, type AdminClient } from "./admin-client.server";
import type { ThrottleBucket } from "./bucket";
import { ShopifyAuthError } from "./errors";
import { sharedBucket } from "./shared-bucket.server";

/**
 * An Admin client for a store, from its offline session — the same in a request and in a worker, so
 * the sync runs identically from the Sync button and from the queue. `SHOPIFY_ADMIN_API_URL` points it at
 * the stand-in; unset, it talks to Shopify.
 */
export async function adminClientForShop(shop: string): Promise<AdminClient> {
  let accessToken: string | undefined;
  try {
    accessToken = (await unauthenticated.admin(shop)).session.accessToken;
  } catch (error) {
    if ((error as Error).name !== "SessionNotFoundError") throw error;
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
