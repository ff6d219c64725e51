import { postJson, type HttpAnswer } from "~/lib/post-json.server";
import { ADMIN_API_VERSION } from "./api-version";
import {
  ShopifyAuthError,
  ShopifyQueryError,
  ShopifyThrottledError,
  ShopifyUnavailableError,
} from "./errors";
import { localBucket, type ThrottleBucket } from "./throttle/throttle-bucket";
import { CostBucket, type ThrottleStatus } from "./throttle/cost-bucket";

/** Answers that say "not now" rather than "no": retried as a 5xx is. */
const TRANSIENT_STATUSES = new Set([404, 408]);

export type AdminClientOptions = {
  shop: string;
  accessToken: string;
  /** Where the Admin API is; unset means Shopify (`https://<shop>`). The demo and tests use the stand-in. */
  baseUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Attempts for requests that are safe to repeat (queries), on 5xx and network errors. */
  maxAttempts?: number;
  /** How long one request may wait for throttle points in all before it gives up. */
  maxThrottleWaitMs?: number;
  timeoutMs?: number;
  /** The store's cost bucket; unset: one per store in this process. Several processes share one in Redis. */
  bucket?: ThrottleBucket;
};

export type RequestOptions = {
  /** False for mutations that must not run twice: a lost response is then reported as uncertain. */
  idempotent?: boolean;
};

export interface AdminClient {
  readonly shop: string;
  request<T>(document: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<T>;
}

type GraphqlBody = {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[] | string;
  extensions?: {
    cost?: { requestedQueryCost?: number; actualQueryCost?: number | null; throttleStatus?: ThrottleStatus };
  };
};

// One bucket per shop in this process, shared by every client made for that shop.
const buckets = new Map<string, CostBucket>();
// What each document cost last time (requested and actual): a better first guess than a constant.
const knownCosts = new Map<string, { requested: number; actual: number }>();

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: 0..min(cap, base·2^attempt). */
export function backoffMs(attempt: number, baseMs = 250, capMs = 10_000): number {
  return Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

function localBucketFor(key: string, now: () => number): ThrottleBucket {
  const bucket = buckets.get(key) ?? new CostBucket(now);
  buckets.set(key, bucket);
  return localBucket(bucket);
}

function parseBody(text: string): GraphqlBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as GraphqlBody) : {};
  } catch {
    return {};
  }
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 6;
  const maxThrottleWaitMs = options.maxThrottleWaitMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = (options.baseUrl ?? `https://${options.shop}`).replace(/\/$/, "");
  const url = `${base}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  const bucketKey = `${base}|${options.shop}`;
  const bucket = options.bucket ?? localBucketFor(bucketKey, now);
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/json",
    "X-Shopify-Access-Token": options.accessToken,
    "X-Shopify-Shop-Domain": options.shop,
  };

  async function request<T>(document: string, variables = {}, { idempotent = true }: RequestOptions = {}) {
    let failures = 0;
    let waited = 0;
    const isMutation = /^\s*mutation\b/.test(document);
    for (;;) {
      const known = knownCosts.get(document);
      const requested = known?.requested ?? (isMutation ? 10 : 20);
      const expected = known?.actual ?? requested;
      const reservation = await bucket.reserve(requested, expected);
      const wait = reservation.waitMs;
      if (waited + wait > maxThrottleWaitMs) {
        await reservation.settle();
        throw new ShopifyThrottledError(wait);
      }
      if (wait > 0) {
        waited += wait;
        await sleep(wait);
      }
      let response: HttpAnswer;
      try {
        response = await postJson(url, JSON.stringify({ query: document, variables }), headers, timeoutMs);
      } catch (error) {
        await reservation.settle();
        const message = `Shopify did not answer: ${(error as Error).message}`;
        if (!idempotent || ++failures >= maxAttempts)
          throw new ShopifyUnavailableError(message, undefined, !idempotent);
        await sleep(backoffMs(failures));
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        await reservation.settle();
        throw new ShopifyAuthError(
          `Shopify refused the access token (HTTP ${response.status}).`,
          response.status,
        );
      }
      if (response.status === 429) {
        // Refused before it ran, so repeating it is safe even for a mutation.
        await reservation.settle();
        const retryAfter = Number(response.header("Retry-After") ?? 1) * 1000;
        waited += retryAfter;
        if (waited > maxThrottleWaitMs) throw new ShopifyThrottledError(retryAfter);
        await sleep(retryAfter);
        continue;
      }
      // Shopify's 404 "could be available again in the future", and is what a store answers for a while
      // after an outage: like a 5xx, a reason to try again, not a refusal of the request.
      if (response.status >= 500 || TRANSIENT_STATUSES.has(response.status)) {
        await reservation.settle();
        const message = `Shopify answered HTTP ${response.status}.`;
        if (!idempotent || ++failures >= maxAttempts) {
          throw new ShopifyUnavailableError(message, response.status, !idempotent);
        }
        await sleep(backoffMs(failures));
        continue;
      }
      const body = parseBody(response.text);
      const cost = body.extensions?.cost;
      await reservation.settle(cost?.throttleStatus);
      if (cost?.requestedQueryCost !== undefined) {
        const requested = cost.requestedQueryCost;
        // The next call of a document is expected to cost what the last one actually did.
        knownCosts.set(document, { requested, actual: cost.actualQueryCost ?? requested });
      }
      const errors = Array.isArray(body.errors) ? body.errors : body.errors ? [{ message: body.errors }] : [];
      if (errors.some((error) => error.extensions?.code === "THROTTLED")) {
        // Refused before it ran: wait for the points it needs and send it again.
        const retryIn = Math.max(await bucket.msUntil(cost?.requestedQueryCost ?? expected), 100);
        waited += retryIn;
        if (waited > maxThrottleWaitMs) throw new ShopifyThrottledError(retryIn);
        await sleep(retryIn);
        continue;
      }
      if (errors.length > 0 || response.status >= 300) {
        const message = errors.map((error) => error.message).join("; ") || `HTTP ${response.status}`;
        throw new ShopifyQueryError(`Shopify refused the request: ${message}`, errors);
      }
      return body.data as T;
    }
  }

  return { shop: options.shop, request };
}
