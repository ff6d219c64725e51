import { describe, expect, it } from "vitest";
import { SHOP, seedVariant, useStandin } from "./testing";

const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String, $payload: JSON) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }`;

const ORDER_CREATE = `#graphql
  mutation CreateOrder($order: OrderCreateOrderInput!) {
    orderCreate(order: $order) { order { id } userErrors { field message } }
  }`;

describe("flowTriggerReceive", () => {
  const { graphql, control, standin } = useStandin();
  const receive = async (variables: Record<string, unknown>) => {
    const { body } = await graphql(FLOW_TRIGGER_RECEIVE, variables);
    expect(body.errors).toBeUndefined();
    return body.data.flowTriggerReceive.userErrors as { field: string[]; message: string }[];
  };

  it("records each run for the control API, oldest first", async () => {
    expect(
      await receive({ handle: "order-attention", payload: { order_id: 1, "Reason code": "A" } }),
    ).toEqual([]);
    expect(
      await receive({ handle: "order-attention", payload: { order_id: 2, "Reason code": "B" } }),
    ).toEqual([]);
    const runs = await control().listFlowTriggers(SHOP);
    expect(runs.map((run) => [run.handle, run.payload])).toEqual([
      ["order-attention", { order_id: 1, "Reason code": "A" }],
      ["order-attention", { order_id: 2, "Reason code": "B" }],
    ]);
    expect(runs[0]?.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await control().clearFlowTriggers(SHOP);
    expect(await control().listFlowTriggers(SHOP)).toEqual([]);
  });

  it("is charged as a mutation", async () => {
    const { body } = await graphql(FLOW_TRIGGER_RECEIVE, { handle: "h", payload: {} });
    expect(body.extensions.cost.requestedQueryCost).toBe(10);
  });

  it("refuses a blank handle and a payload that isn't a JSON object, recording nothing", async () => {
    expect(await receive({ handle: " ", payload: {} })).toEqual([
      { field: ["handle"], message: "Handle can't be blank" },
    ]);
    expect(await receive({ handle: "h" })).toEqual([
      { field: ["payload"], message: "Payload can't be blank" },
    ]);
    for (const payload of [[1, 2], "text", 3]) {
      expect(await receive({ handle: "h", payload })).toEqual([
        { field: ["payload"], message: "Payload must be a JSON object" },
      ]);
    }
    expect(await control().listFlowTriggers(SHOP)).toEqual([]);
  });

  it("refuses a payload of 50,000 bytes or more, and takes one just under", async () => {
    // {"text":"…"} is 11 bytes around the text.
    const refused = await receive({ handle: "h", payload: { text: "x".repeat(50_000 - 11) } });
    expect(refused).toEqual([
      { field: ["payload"], message: "Payload must be under 50000 bytes (it is 50000)" },
    ]);
    expect(await receive({ handle: "h", payload: { text: "x".repeat(50_000 - 12) } })).toEqual([]);
    expect(await control().listFlowTriggers(SHOP)).toHaveLength(1);
  });

  it("once told the app's triggers, refuses another handle, payload keys that differ and an unknown order", async () => {
    const variantId = await seedVariant(standin(), { sku: "TEE", price: "20.00" });
    const { body } = await graphql(ORDER_CREATE, { order: { lineItems: [{ variantId, quantity: 1 }] } });
    const orderId = Number(String(body.data.orderCreate.order.id).split("/").pop());
    await control().setFlowTriggerDefinitions(SHOP, [
      { handle: "order-attention", fields: ["order_id", "Stage"] },
    ]);
    expect(await receive({ handle: "other", payload: { order_id: orderId, Stage: "6" } })).toEqual([
      { field: ["handle"], message: "The app has no Flow trigger with the handle other" },
    ]);
    expect(await receive({ handle: "order-attention", payload: { order_id: orderId, Extra: "x" } })).toEqual([
      { field: ["payload"], message: "Payload is missing the field Stage" },
      {
        field: ["payload"],
        message: "Payload has the field Extra, which the trigger order-attention doesn't define",
      },
    ]);
    // An order reference is the numeric id of one of the shop's orders.
    for (const order_id of [orderId + 1, String(orderId), `gid://shopify/Order/${orderId}`]) {
      expect(await receive({ handle: "order-attention", payload: { order_id, Stage: "6" } })).toEqual([
        {
          field: ["payload"],
          message: `Payload's order_id ${JSON.stringify(order_id)} is not an order of this shop`,
        },
      ]);
    }
    expect(await receive({ handle: "order-attention", payload: { order_id: orderId, Stage: "6" } })).toEqual(
      [],
    );
    await control().setFlowTriggerDefinitions(SHOP, null);
    expect(await receive({ handle: "other", payload: {} })).toEqual([]);
    expect((await control().listFlowTriggers(SHOP)).map((run) => run.handle)).toEqual([
      "order-attention",
      "other",
    ]);
  });

  it("doesn't serve the deprecated body argument", async () => {
    const { body } = await graphql(`
      mutation {
        flowTriggerReceive(body: "{}") {
          userErrors {
            message
          }
        }
      }
    `);
    expect(body.errors[0].extensions.code).toBe("NOT_SUPPORTED_BY_STANDIN");
  });

  it("answers 422 for trigger definitions without a handle", async () => {
    await expect(control().setFlowTriggerDefinitions(SHOP, [{ handle: "", fields: [] }])).rejects.toThrow(
      /422/,
    );
  });
});
