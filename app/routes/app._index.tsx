import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { SyncStatusBadge } from "~/components/SyncStatusBadge";
import { listTikTokOrders } from "~/models/tiktok-order.server";
import { authenticate } from "~/shopify.server";
import { describeReason, isReasonCode } from "~/sync/reasons";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const { orders, nextCursor } = await listTikTokOrders(session.shop, { cursor });
  return {
    nextCursor,
    orders: orders.map((order) => ({
      id: order.id,
      tiktokOrderId: order.tiktokOrderId,
      createdAt: order.createTime.toISOString(),
      status: order.syncStatus,
      reason: order.reasonCode && isReasonCode(order.reasonCode) ? describeReason(order.reasonCode) : null,
      shopifyOrderName: order.shopifyOrderName,
    })),
  };
};

export default function Orders() {
  const { orders } = useLoaderData<typeof loader>();
  if (orders.length === 0) {
    return (
      <Page title="Orders">
        <Card>
          <EmptyState heading="No TikTok orders yet" image="">
            <p>Orders placed in your TikTok shop appear here as they arrive.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return (
    <Page title="Orders">
      <Card padding="0">
        <IndexTable
          resourceName={{ singular: "order", plural: "orders" }}
          itemCount={orders.length}
          selectable={false}
          headings={[
            { title: "TikTok order" },
            { title: "Created" },
            { title: "Status" },
            { title: "Reason for failure" },
            { title: "Shopify order" },
          ]}
        >
          {orders.map((order, index) => (
            <IndexTable.Row id={order.id} key={order.id} position={index}>
              <IndexTable.Cell>{order.tiktokOrderId}</IndexTable.Cell>
              <IndexTable.Cell>{new Date(order.createdAt).toLocaleString()}</IndexTable.Cell>
              <IndexTable.Cell>
                <SyncStatusBadge status={order.status} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                {order.reason && (
                  <BlockStack gap="100">
                    <Text as="span">{order.reason.title}</Text>
                    <Text as="span" tone="subdued">
                      {"stage" in order.reason ? `Stage ${order.reason.stage}` : "While creating the order"}
                    </Text>
                  </BlockStack>
                )}
              </IndexTable.Cell>
              <IndexTable.Cell>{order.shopifyOrderName ?? ""}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
