import { EventEmitter } from "node:events";

/**
 * Wakes this process's Flow notifier when a sync recorded an outcome that Shopify Flow is to be told of, so
 * the trigger fires at once rather than at the next poll. Other processes find the notice by polling.
 */
class FlowNoticeSignal extends EventEmitter {
  emit(): boolean {
    return super.emit("due");
  }
  subscribe(listener: () => void): () => void {
    this.on("due", listener);
    return () => this.off("due", listener);
  }
}

export const onFlowNoticeDue = new FlowNoticeSignal();
