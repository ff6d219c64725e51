import { ApiVersion } from "@shopify/shopify-api";

/**
 * The one Admin API version the app speaks: shopify.app.toml, the Admin client, the stand-in and the
 * schema the tests validate every GraphQL document against (app/admin-api/admin-schema/) all use it.
 */
export const ADMIN_API_VERSION = ApiVersion.October26;
