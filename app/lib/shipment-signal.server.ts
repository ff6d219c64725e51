import { EventEmitter } from "node:events";

/**
 * Wakes this process's shipment worker when a fulfilment becomes due (a Shopify webhook, a Sync click, a
 * carrier mapped), so it is sent at once rather than at the next poll. Other processes find it by polling.
 */
class ShipmentSignal extends EventEmitter {
  emit(): boolean {
    return super.emit("due");
  }
  subscribe(listener: () => void): () => void {
    this.on("due", listener);
    return () => this.off("due", listener);
  }
}

export const onShipmentDue = new ShipmentSignal();
