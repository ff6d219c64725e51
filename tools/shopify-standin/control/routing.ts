import type { z } from "zod";
import type { EmbeddedApp } from "../admin/session-token";
import type { ShopState, Store } from "../store";
import { ControlInputError } from "./catalog";

// What the control API's route tables share.

/**
 * One control API route: method, path pattern (its groups become `params`), handler answering JSON. The
 * handler is given the app the stand-in was started for, if any, to send it webhooks.
 */
export type Route = [
  method: string,
  path: RegExp,
  handler: (
    store: Store,
    params: string[],
    body: () => Promise<unknown>,
    app: EmbeddedApp | undefined,
  ) => unknown,
];

/** The path of a shop's control resources; its first group is the shop domain. */
export const SHOP_PATH = "/_control/shops/([^/]+)";

/** The body, validated: a ControlInputError (422) naming each bad field otherwise. */
export async function parseBody<T extends z.ZodType>(
  schema: T,
  body: () => Promise<unknown>,
): Promise<z.output<T>> {
  const result = schema.safeParse(await body());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
  throw new ControlInputError(problems.join("; "));
}

export function shopOf(store: Store, domain: string | undefined): ShopState {
  const shop = store.shops.get((domain ?? "").toLowerCase());
  if (!shop) throw new ControlInputError(`Shop ${domain} not found`, 404);
  return shop;
}
