import { EventEmitter } from "node:events";

/**
 * A wake-up call within one process: something became due, so the loop that does it (app/lib/leased-loop
 * .server.ts) claims it at once rather than at its next poll. Other processes find the same work by polling.
 */
export type Signal = { emit(): void; subscribe(listener: () => void): () => void };

function createSignal(): Signal {
  const events = new EventEmitter();
  return {
    emit: () => void events.emit("due"),
    subscribe(listener) {
      events.on("due", listener);
      return () => void events.off("due", listener);
    },
  };
}

/** A fulfilment became due to be sent to TikTok (a Shopify webhook, a Sync click, a carrier mapped). */
export const onShipmentDue = createSignal();

/** An outcome was recorded that Shopify Flow is to be told of (ADR 029). */
export const onFlowNoticeDue = createSignal();
