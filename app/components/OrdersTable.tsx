import {
  Badge,
  BlockStack,
  Box,
  IndexTable,
  InlineStack,
  Link,
  Text,
  useBreakpoints,
  useIndexResourceState,
  type IndexTableProps,
} from "@shopify/polaris";
import type { ListPosition, OrderRowView } from "~/pages/orders.server";
import { LocalTime } from "./LocalTime";
import { OrdersPagination } from "./OrdersPagination";
import { ReasonCell } from "./ReasonCell";
import { ShopifyOrderLink } from "./ShopifyOrderLink";
import { SyncButton } from "./SyncButton";
import { SyncStatusBadge } from "./SyncStatusBadge";

type Props = {
  orders: OrderRowView[];
  pageInfo: { next: string | null; previous: string | null };
  position: ListPosition;
  loading: boolean;
  onSyncSelected: (tiktokOrderIds: string[]) => void;
  emptyState: React.ReactNode;
  /** The store has several TikTok shops: each row says which one the order came from. */
  showShop: boolean;
};

const headingsWith = (showShop: boolean, showTracking: boolean): IndexTableProps["headings"] => [
  { title: "TikTok order" },
  { title: "Created" },
  ...(showShop ? [{ title: "TikTok shop" }] : []),
  { title: "Buyer" },
  { title: "Items" },
  { title: "Total", alignment: "end" as const },
  { title: "Status" },
  { title: "Reason for failure" },
  { title: "Shopify order" },
  ...(showTracking ? [{ title: "Tracking to TikTok" }] : []),
  { title: "Sync" },
];

// Clicks on a row's own controls must not toggle the row's selection.
const stop = (event: React.MouseEvent) => event.stopPropagation();

/**
 * One page of TikTok orders: select some and sync them, or sync one from its row. On a phone each row is a
 * short list item (order, status, reason, Sync), as the full table would need scrolling sideways. The
 * pagination sits under the table rather than stuck to the window, so it never covers a row.
 */
export function OrdersTable({
  orders,
  pageInfo,
  position,
  loading,
  onSyncSelected,
  emptyState,
  showShop,
}: Props) {
  const { smDown } = useBreakpoints();
  // Shown once a page has an order fulfilled in Shopify: its tracking's way to TikTok.
  const showTracking = orders.some((order) => order.tracking !== null);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } =
    useIndexResourceState(orders, { resourceIDResolver: (order) => order.tiktokOrderId });
  const sync = (order: OrderRowView) =>
    order.sync && <SyncButton tiktokOrderId={order.tiktokOrderId} state={order.sync} />;
  const orderLink = (order: OrderRowView) => (
    <Link url={`/app/orders/${order.tiktokOrderId}`} dataPrimaryLink removeUnderline monochrome>
      <Text as="span" fontWeight="semibold">
        {order.tiktokOrderId}
      </Text>
    </Link>
  );

  return (
    <>
      <IndexTable
        condensed={smDown}
        resourceName={{ singular: "order", plural: "orders" }}
        itemCount={orders.length}
        selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
        onSelectionChange={handleSelectionChange}
        loading={loading}
        emptyState={emptyState}
        headings={headingsWith(showShop, showTracking)}
        promotedBulkActions={[
          {
            content: "Sync selected",
            onAction: () => {
              onSyncSelected(selectedResources);
              clearSelection();
            },
          },
        ]}
      >
        {orders.map((order, index) => (
          <IndexTable.Row
            id={order.tiktokOrderId}
            key={order.tiktokOrderId}
            position={index}
            selected={selectedResources.includes(order.tiktokOrderId)}
          >
            {smDown ? (
              <Box paddingBlock="300" paddingInline="400" width="100%">
                <BlockStack gap="200">
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    {orderLink(order)}
                    <InlineStack gap="100">
                      {order.cancelRequested && <Badge tone="warning">Buyer asked to cancel</Badge>}
                      {order.cancelOnTikTokAsked && <Badge tone="warning">Cancelled in Shopify only</Badge>}
                      {order.shipBy && (
                        <Badge tone={order.shipBy.past ? "critical" : "warning"}>{order.shipBy.text}</Badge>
                      )}
                      <SyncStatusBadge status={order.status} />
                    </InlineStack>
                  </InlineStack>
                  <div onClick={stop}>
                    <ReasonCell row={order} />
                  </div>
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    <Text as="span" tone="subdued" variant="bodySm">
                      <LocalTime iso={order.createdAt} />
                      {showShop && order.tiktokShop ? ` · ${order.tiktokShop}` : ""}
                    </Text>
                    <div onClick={stop}>{sync(order)}</div>
                  </InlineStack>
                </BlockStack>
              </Box>
            ) : (
              <>
                <IndexTable.Cell>{orderLink(order)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <LocalTime iso={order.createdAt} />
                </IndexTable.Cell>
                {showShop && <IndexTable.Cell>{order.tiktokShop ?? ""}</IndexTable.Cell>}
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
                  <BlockStack gap="100" inlineAlign="start">
                    <SyncStatusBadge status={order.status} />
                    {order.cancelRequested && <Badge tone="warning">Buyer asked to cancel</Badge>}
                    {order.cancelOnTikTokAsked && <Badge tone="warning">Cancelled in Shopify only</Badge>}
                    {order.shipBy && (
                      <Badge tone={order.shipBy.past ? "critical" : "warning"}>{order.shipBy.text}</Badge>
                    )}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <div onClick={stop}>
                    <ReasonCell row={order} />
                  </div>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <div onClick={stop}>
                    <ShopifyOrderLink order={order.shopifyOrder} />
                  </div>
                </IndexTable.Cell>
                {showTracking && (
                  <IndexTable.Cell>
                    {order.tracking && (
                      <Badge tone={order.tracking.tone === "info" ? undefined : order.tracking.tone}>
                        {order.tracking.text}
                      </Badge>
                    )}
                  </IndexTable.Cell>
                )}
                <IndexTable.Cell>
                  <div onClick={stop}>{sync(order)}</div>
                </IndexTable.Cell>
              </>
            )}
          </IndexTable.Row>
        ))}
      </IndexTable>
      <OrdersPagination pageInfo={pageInfo} position={position} />
    </>
  );
}
