import { z } from "zod";

const url = (what: string) => z.url({ message: `must be ${what}, e.g. https://example.com` });

/** Every variable the app reads, validated once at start-up. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SHOPIFY_API_KEY: z.string().min(1, "is missing: the app's client id from the Partner Dashboard"),
  SHOPIFY_API_SECRET: z.string().min(1, "is missing: the app's client secret from the Partner Dashboard"),
  SHOPIFY_APP_URL: url("the public https URL of this app"),
  SCOPES: z
    .string()
    .min(1)
    .default("read_orders,write_orders,read_products,read_inventory,read_fulfillments"),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z
    .string()
    .min(1)
    .default("data/pglite")
    .describe("postgres:// or postgresql:// for PostgreSQL; otherwise a PGlite folder, or memory://"),
  TOKEN_ENCRYPTION_KEY: z
    .string({ message: "is missing: 32 random bytes as 64 hex characters (openssl rand -hex 32)" })
    .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
      message: "must be 32 bytes as 64 hex characters or 44 base64 characters (openssl rand -hex 32)",
    }),
  // The key tokens were encrypted under before TOKEN_ENCRYPTION_KEY changed; read until `npm run
  // rotate-token-key` has re-encrypted them (docs/production.md, "Security and data").
  TOKEN_ENCRYPTION_KEY_PREVIOUS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
        message: "must be 32 bytes as 64 hex characters or 44 base64 characters, like TOKEN_ENCRYPTION_KEY",
      })
      .optional(),
  ),
  // Where the Admin API is reached; unset means Shopify itself. The demo points it at the stand-in.
  SHOPIFY_ADMIN_API_URL: url("an http(s) URL of a Shopify Admin stand-in").optional(),
  // TikTok Shop app credentials (Partner Center) and where its APIs are; the demo points them at the stand-in.
  TIKTOK_APP_KEY: z.string().min(1).optional(),
  TIKTOK_APP_SECRET: z.string().min(1).optional(),
  TIKTOK_SERVICE_ID: z.string().min(1).optional(),
  TIKTOK_API_URL: url("the TikTok Shop Open API base URL").default("https://open-api.tiktokglobalshop.com"),
  TIKTOK_AUTH_URL: url("the TikTok Shop auth base URL").default("https://auth.tiktok-shops.com"),
  TIKTOK_AUTHORIZE_URL: url("the TikTok Shop seller authorization page").default(
    "https://services.tiktokshop.com/open/authorize",
  ),
  // Seconds between two polls of a connected shop's orders (webhooks can be missed).
  TIKTOK_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  // "embedded": this process runs the sync worker over the database; "off": it only serves requests.
  SYNC_WORKER: z.enum(["embedded", "off"]).default("embedded"),
  // `npm run worker` also sends Shopify fulfilments to TikTok unless this is off.
  SHIPMENT_WORKER: z.enum(["on", "off"]).default("on"),
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SYNC_CONCURRENCY_PER_SHOP: z.coerce.number().int().min(1).max(64).default(4),
  // Redis for the shared queue (BullMQ) and the shared Shopify throttle; unset: the in-process queue.
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      message: "must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379",
    })
    .optional(),
  // Prefix of every Redis key the app writes, so several deployments can share one Redis.
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/)
    .default("order-sync"),
  // How often a worker process sweeps the database for due orders a lost job left behind (BullMQ only).
  SYNC_SWEEP_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  // First delay before a transient failure is retried (doubling each time, with jitter).
  SYNC_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(15_000),
  // Shopify admin's address, for links back into the app's pages; unset means https://admin.shopify.com.
  SHOPIFY_ADMIN_URL: url("the Shopify admin address").optional(),
  // App Bridge script served to the embedded pages; unset means Shopify's CDN.
  APP_BRIDGE_URL: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; the error names each bad variable on a line of its own. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const message =
      issue.code === "invalid_type" && source[name] === undefined ? "is missing" : issue.message;
    return `Environment variable ${name} ${message.startsWith("is ") || message.startsWith("must ") ? message : `is invalid: ${message}`}`;
  });
  throw new EnvError(lines.join("\n"));
}

export const env: Env = parseEnv(process.env);
