import { useSearchParams } from "@remix-run/react";
import { BlockStack, IndexTable, Link, Text, useIndexResourceState } from "@shopify/polaris";
import type { OrderRowView } from "~/pages/orders.server";
import { LocalTime } from "./LocalTime";
import { ReasonCell } from "./ReasonCell";
import { ShopifyOrderLink } from "./ShopifyOrderLink";
import { SyncButton } from "./SyncButton";
import { SyncStatusBadge } from "./SyncStatusBadge";
import type { Notice } from "./sync-outcome";

type Props = {
  orders: OrderRowView[];
  pageInfo: { next: string | null; previous: string | null };
  loading: boolean;
  onNotice: (notice: Notice) => void;
  onSyncSelected: (tiktokOrderIds: string[]) => void;
  emptyState: React.ReactNode;
};

const headings = [
  { title: "TikTok order" },
  { title: "Created" },
  { title: "Buyer" },
  { title: "Items" },
  { title: "Total", alignment: "end" },
  { title: "Status" },
  { title: "Reason for failure" },
  { title: "Shopify order" },
  { title: "Sync" },
] as const;

// Clicks on a row's own controls must not toggle the row's selection.
const stop = (event: React.MouseEvent) => event.stopPropagation();

/** One page of TikTok orders: select some and sync them, or sync one from its row. */
export function OrdersTable({ orders, pageInfo, loading, onNotice, onSyncSelected, emptyState }: Props) {
  const [, setSearchParams] = useSearchParams();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(orders, { resourceIDResolver: (order) => order.tiktokOrderId });

  const page = (key: "after" | "before", id: string | null) =>
    id &&
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      next.delete("after");
      next.delete("before");
      next.set(key, id);
      return next;
    });

  return (
    <IndexTable
      resourceName={{ singular: "order", plural: "orders" }}
      itemCount={orders.length}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      loading={loading}
      emptyState={emptyState}
      headings={[...headings]}
      promotedBulkActions={[
        {
          content: "Sync selected",
          onAction: () => {
            onSyncSelected(selectedResources);
            clearSelection();
          },
        },
      ]}
      pagination={{
        hasPrevious: pageInfo.previous !== null,
        hasNext: pageInfo.next !== null,
        onPrevious: () => page("before", pageInfo.previous),
        onNext: () => page("after", pageInfo.next),
      }}
    >
      {orders.map((order, index) => (
        <IndexTable.Row
          id={order.tiktokOrderId}
          key={order.tiktokOrderId}
          position={index}
          selected={selectedResources.includes(order.tiktokOrderId)}
        >
          <IndexTable.Cell>
            <Link url={`/app/orders/${order.tiktokOrderId}`} dataPrimaryLink removeUnderline monochrome>
              <Text as="span" fontWeight="semibold">
                {order.tiktokOrderId}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <LocalTime iso={order.createdAt} />
          </IndexTable.Cell>
          <IndexTable.Cell>{order.buyer ?? ""}</IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack gap="050">
              <Text as="span">{order.items.first ?? ""}</Text>
              <Text as="span" tone="subdued" variant="bodySm">
                {order.items.count === 1 ? "1 item" : `${order.items.count} items`}
              </Text>
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {order.total ? `${order.total.amount} ${order.total.currency}` : ""}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <SyncStatusBadge status={order.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div onClick={stop}>
              <ReasonCell code={order.reasonCode} />
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div onClick={stop}>
              <ShopifyOrderLink order={order.shopifyOrder} />
            </div>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <div onClick={stop}>
              {order.sync && (
                <SyncButton tiktokOrderId={order.tiktokOrderId} state={order.sync} onNotice={onNotice} />
              )}
            </div>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
