import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, EmptyState, InlineError, Page } from "@shopify/polaris";
import { useBulkSync } from "~/components/BulkSync";
import { NoticeBanner } from "~/components/NoticeBanner";
import { OrdersEmptyState } from "~/components/OrdersEmptyState";
import { useOrdersExport } from "~/components/OrdersExport";
import { OrdersFilters } from "~/components/OrdersFilters";
import { OrdersTable } from "~/components/OrdersTable";
import { SyncNotices } from "~/components/SyncNotices";
import { useNotice } from "~/components/use-notice";
import { createOrdersExport } from "~/pages/order-export.server";
import { loadOrdersPage, parseOrdersQuery } from "~/pages/orders.server";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const query = parseOrdersQuery(new URL(request.url).searchParams);
  return { query, page: await loadOrdersPage(session.shop, query) };
};

// "Export CSV": a signed link to the list as its URL filters it.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return createOrdersExport(session.shop, new URL(request.url));
};

// An export changes nothing: the list needn't load again after one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.startsWith("/app/orders?") ? false : defaultShouldRevalidate;

export default function Orders() {
  const { query, page } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { notice, notify, dismiss } = useNotice();
  const bulk = useBulkSync();
  const exporter = useOrdersExport();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/orders";
  const problem = page.problems.q ?? page.problems.placed;

  if (page.counts.all === 0) return <OrdersEmptyState connected={page.connected} />;
  return (
    <SyncNotices onNotice={notify}>
      <Page
        title="Orders"
        fullWidth
        secondaryActions={[
          { content: "Export CSV", onAction: exporter.start, loading: exporter.busy, disabled: !!problem },
        ]}
      >
        <BlockStack gap="400">
          {!page.connected && (
            <Banner tone="warning" action={{ content: "Go to Settings", url: "/app/settings" }}>
              No TikTok shop is connected: new orders don't arrive until you connect it again.
            </Banner>
          )}
          {exporter.error && <Banner tone="critical">{exporter.error}</Banner>}
          <NoticeBanner notice={notice} onDismiss={dismiss} />
          {bulk.banner}
          <Card padding="0">
            <OrdersFilters
              query={query}
              counts={page.counts}
              loading={loading}
              shops={page.shops}
              currencies={page.currencies}
            />
            {problem && (
              <Box paddingInline="400" paddingBlock="200">
                <InlineError message={problem} fieldID="orders-search" />
              </Box>
            )}
            <OrdersTable
              orders={page.orders}
              pageInfo={page.pageInfo}
              position={page.position}
              loading={loading}
              onSyncSelected={bulk.start}
              showShop={page.shops.length > 1}
              emptyState={
                problem ? (
                  <EmptyState heading="Nothing was searched" image="">
                    <p>Change the search or the dates above.</p>
                  </EmptyState>
                ) : (
                  <EmptyState heading={query.q ? `No orders match “${query.q}”` : "No orders match"} image="">
                    <p>
                      {query.q
                        ? "Search by a TikTok order ID, a Shopify order name, the buyer's name or a SKU."
                        : "Try another tab, or clear the search and filters."}
                    </p>
                  </EmptyState>
                )
              }
            />
          </Card>
        </BlockStack>
      </Page>
    </SyncNotices>
  );
}
