import type { AdminClient } from "~/admin-api/admin-client.server";
import type { FlowTriggerReceiveMutation } from "~/types/admin.generated";
import type { MutationResult } from "./user-errors";

/**
 * Starts the merchant's Shopify Flow workflows that begin with one of the app's trigger extensions:
 * `handle` is the extension's handle, `payload` its fields by key. It needs no access scope of its own.
 */
export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;

/**
 * Fires the trigger `handle` with `payload`. Flow keeps no idempotency key, so the request is not repeated
 * here on a lost answer (the caller decides, ADR 029); Flow's refusals come back as userErrors.
 */
export async function receiveFlowTrigger(
  client: AdminClient,
  handle: string,
  payload: Record<string, unknown>,
): Promise<MutationResult<null>> {
  const data = await client.request<FlowTriggerReceiveMutation>(
    FLOW_TRIGGER_RECEIVE,
    { handle, payload },
    { idempotent: false },
  );
  const errors = data.flowTriggerReceive?.userErrors;
  if (!errors) return { ok: false, userErrors: [{ message: "Shopify Flow did not answer the trigger." }] };
  return errors.length === 0 ? { ok: true, value: null } : { ok: false, userErrors: errors };
}
