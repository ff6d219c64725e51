import { listOrdersForExport, type ExportedOrder } from "~/models/order-list.server";
import { describeReason, isReasonCode } from "~/sync/reasons";
import type { OrdersFilter } from "./orders-query";

/** The columns of the export: what a row of the list says, without the buyer's contact data. */
export const CSV_COLUMNS = [
  "TikTok order ID",
  "Created at",
  "Status",
  "Reason code",
  "Reason",
  "Stage",
  "Total",
  "Currency",
  "Shopify order",
] as const;

export const EXPORT_BATCH = 500;

/**
 * A cell as a spreadsheet reads it literally: one that starts like a formula (=, +, -, @, or a tab or
 * carriage return before one) gets a leading apostrophe, and a cell with a comma, quote or line break is
 * quoted.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const STATUS_LABELS: Record<string, string> = {
  PENDING: "Pending",
  SYNCING: "Syncing",
  SYNCED: "Synced",
  BLOCKED: "Blocked",
  FAILED: "Failed",
};

function csvLine(order: ExportedOrder): string {
  const code = order.reasonCode;
  const cells = [
    order.tiktokOrderId,
    order.createdAt,
    STATUS_LABELS[order.syncStatus] ?? order.syncStatus,
    code,
    code && isReasonCode(code) ? describeReason(code).title : null,
    order.reasonStage,
    order.total,
    order.currency,
    order.shopifyOrderName,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * The store's orders of `filter` as CSV, newest first, read a batch at a time as the download is read: an
 * export of any size holds one batch. No store (a link for a store that is gone): the header only.
 */
export function ordersCsv(shopId: string | null, filter: OrdersFilter | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { createTime: Date; id: string } | null = null;
  let done = shopId === null || filter === null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_COLUMNS.map(csvCell).join(",")}\r\n`));
    },
    async pull(controller) {
      if (done || shopId === null || filter === null) return controller.close();
      const batch = await listOrdersForExport(shopId, filter, after, EXPORT_BATCH);
      const last = batch.at(-1);
      if (last) {
        controller.enqueue(encoder.encode(batch.map(csvLine).join("")));
        after = { createTime: new Date(last.createdAt), id: last.id };
      }
      done = batch.length < EXPORT_BATCH;
      if (done) controller.close();
    },
  });
}
