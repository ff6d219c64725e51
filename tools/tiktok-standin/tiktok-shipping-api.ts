import type { StandinParts } from "./control-api";
import { guard } from "./gate";
import { jsonObject, ok, query, type Reply, type RequestContext, type Route } from "./http-kit";
import { answer } from "./refusal";
import type { StandinState } from "./state";
import { TikTokShippingDesk } from "./tiktok-shipping";

/**
 * TikTok Shipping's fulfillment endpoints (Open API 202309) behind the gateway's checks, and the two
 * unguarded pages their answers link to: a shipping document (as TikTok's CDN serves one, by an unguessable
 * URL that expires) and the drop-off points.
 */
export function tiktokShippingRoutes({ state, webhooks, lifecycle }: StandinParts): Route[] {
  const guarded = guard(state);
  const desk = new TikTokShippingDesk(state, webhooks, lifecycle);
  const id = (context: RequestContext) => context.params[0] ?? "";
  return [
    {
      method: "GET",
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/handover_time_slots$/,
      handler: guarded((c, { shop }) => answer(() => ok(desk.timeSlots(shop, id(c))))),
    },
    {
      method: "POST",
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/ship$/,
      handler: guarded((c, { shop }) =>
        answer(async () => {
          await desk.ship(shop, id(c), jsonObject(c));
          return ok({});
        }),
      ),
    },
    {
      method: "GET",
      pattern: /^\/fulfillment\/202309\/packages\/([^/]+)\/shipping_documents$/,
      handler: guarded((c, { shop }) => answer(() => ok(desk.document(shop, id(c), query(c).document_type)))),
    },
    { method: "GET", pattern: /^\/_documents\/([0-9a-f]+)\.pdf$/, handler: (c) => document(state, id(c)) },
    { method: "GET", pattern: /^\/_drop-off-points$/, handler: (c) => dropOffPoints(query(c).region) },
  ];
}

/** The PDF behind a `doc_url`: 404 for a token never issued, 410 once its 24 hours are over. */
function document(state: StandinState, token: string): Reply {
  const found = state.documents.get(token);
  if (!found) return { status: 404, body: { error: "No such document." } };
  if (state.now() >= found.expiresAt)
    return { status: 410, body: { error: "This document link has expired." } };
  return { status: 200, body: null, file: { contentType: "application/pdf", data: found.pdf } };
}

/** Where a seller can drop a TikTok Shipping parcel off: a page, as TikTok's link leads to one. */
function dropOffPoints(region = "US"): Reply {
  const places = ["Stand-in Post Office, 1 Main Street", "Stand-in Parcel Shop, 22 Market Square"];
  const items = places.map((place) => `<li>${place}</li>`).join("");
  return {
    status: 200,
    body: null,
    html: `<!doctype html><title>Drop-off points</title><h1>Drop-off points (${escapeHtml(region)})</h1><ul>${items}</ul>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
