import { data } from "@remix-run/node";
import { z } from "zod";
import { SHIPMENT_REASONS } from "~/fulfillment/reasons";
import { syncShipmentNow } from "~/fulfillment/shipment-worker.server";

const shipmentSyncSchema = z.object({ shipmentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The Sync button of a fulfilment (`{ shipmentId }`): sends it to TikTok now and says what came of it. */
export async function shipmentSyncAction(shopDomain: string, body: unknown) {
  const parsed = shipmentSyncSchema.safeParse(body);
  if (!parsed.success)
    return data({ ok: false as const, error: "Say which fulfilment to send." }, { status: 400 });
  const answer = await syncShipmentNow(shopDomain, parsed.data.shipmentId);
  if (!answer.ok) return data({ ok: false as const, error: answer.message }, { status: answer.status });
  const { status, reasonCode, detail } = answer.result;
  const reason = reasonCode ? SHIPMENT_REASONS[reasonCode] : undefined;
  if (status === "SHIPPED" && !reason)
    return { ok: true as const, message: "Sent to TikTok: the package is shipped" };
  if (status === "FAILED")
    return {
      ok: false as const,
      error: `TikTok refused it: ${detail ?? reason?.title ?? "no reason given"}`,
    };
  return {
    ok: false as const,
    error: `Not sent: ${reason?.title ?? "try again"}. ${reason?.howToResolve ?? ""}`.trim(),
  };
}
