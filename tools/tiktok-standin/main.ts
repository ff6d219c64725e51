import { parseArgs } from "node:util";
import { startTikTokStandin } from "./index";

/**
 * npx tsx tools/tiktok-standin/main.ts --port 4010 [--app-key K --app-secret S --webhook-url URL --on-hold-seconds N
 *   --rate-limit R]
 * Flags fall back to TIKTOK_APP_KEY, TIKTOK_APP_SECRET and TIKTOK_STANDIN_WEBHOOK_URL.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.TIKTOK_STANDIN_PORT ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "app-key": { type: "string", default: process.env.TIKTOK_APP_KEY ?? "standin-app-key" },
    "app-secret": { type: "string", default: process.env.TIKTOK_APP_SECRET ?? "standin-app-secret" },
    "webhook-url": { type: "string", default: process.env.TIKTOK_STANDIN_WEBHOOK_URL },
    "redirect-url": { type: "string", default: process.env.TIKTOK_STANDIN_REDIRECT_URL },
    "public-url": { type: "string", default: process.env.TIKTOK_STANDIN_PUBLIC_URL },
    "on-hold-seconds": { type: "string", default: "3600" },
    "rate-limit": { type: "string" },
  },
});

const standin = await startTikTokStandin({
  port: Number(values.port),
  host: values.host,
  appKey: values["app-key"],
  appSecret: values["app-secret"],
  webhookUrl: values["webhook-url"],
  redirectUrl: values["redirect-url"],
  publicUrl: values["public-url"],
  onHoldSeconds: Number(values["on-hold-seconds"]),
  requestsPerSecondPerShop: values["rate-limit"] ? Number(values["rate-limit"]) : undefined,
});

console.log(`TikTok Shop stand-in listening on ${standin.url}`);
console.log(`  Open API and token paths: ${standin.url}  control API: ${standin.url}/_control`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void standin.close().then(() => process.exit(0)));
}
