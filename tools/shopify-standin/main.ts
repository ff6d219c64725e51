import { parseArgs } from "node:util";
import { ADMIN_API_VERSION } from "../../app/admin-api/api-version";
import { startShopifyStandin } from "./index";

/**
 * npm run standin:shopify -- [--port 4401] [--host 127.0.0.1] [--shop demo.myshopify.com]... [--auto-shops]
 * Starts the Shopify Admin stand-in; --shop creates a shop that accepts any access token and has an active
 * subscription, --auto-shops serves any shop domain that asks. PORT works as well as --port. With
 * --app-url, --app-key and --app-secret it opens that embedded app as Shopify admin would, and with
 * --extensions-dir it hosts the app's admin UI extensions on its order pages (/store/<store>/orders/<id>).
 */
const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    shop: { type: "string", multiple: true },
    "auto-shops": { type: "boolean" },
    quiet: { type: "boolean" },
    "app-url": { type: "string" },
    "app-key": { type: "string" },
    "app-secret": { type: "string" },
    "extensions-dir": { type: "string" },
  },
});
const appUrl = values["app-url"];
const app =
  appUrl && values["app-key"] && values["app-secret"]
    ? {
        url: appUrl,
        apiKey: values["app-key"],
        apiSecret: values["app-secret"],
        ...(values["extensions-dir"] ? { extensionsDir: values["extensions-dir"] } : {}),
      }
    : undefined;

const standin = await startShopifyStandin({
  port: Number(values.port ?? process.env.PORT ?? 4401),
  host: values.host ?? process.env.HOST ?? "127.0.0.1",
  autoCreateShops: values["auto-shops"] ?? false,
  ...(app ? { app } : {}),
  logger: values.quiet ? undefined : { info: (message) => console.log(message) },
});
for (const domain of values.shop ?? []) {
  await standin.control.createShop({ domain, acceptAnyToken: true });
  await standin.control.setSubscription(domain, { status: "ACTIVE" });
}

console.log(`Shopify Admin stand-in (API ${ADMIN_API_VERSION}) listening on ${standin.url}`);
console.log(
  `  Admin GraphQL: ${standin.url}/shops/<shop>.myshopify.com/admin/api/${ADMIN_API_VERSION}/graphql.json`,
);
console.log(`  Control API:   ${standin.url}/_control/shops`);
for (const domain of values.shop ?? []) console.log(`  Shop: ${standin.control.adminUrl(domain)}`);

const stop = () => void standin.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
