import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Page } from "@shopify/polaris";
import { useBulkSync } from "~/components/BulkSync";
import { NoticeBanner } from "~/components/NoticeBanner";
import { OrdersEmptyState } from "~/components/OrdersEmptyState";
import { OrdersFilters } from "~/components/OrdersFilters";
import { OrdersTable } from "~/components/OrdersTable";
import { useNotice } from "~/components/use-notice";
import { loadOrdersPage, parseOrdersQuery } from "~/pages/orders.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = parseOrdersQuery(new URL(request.url).searchParams);
  return { query, page: await loadOrdersPage(session.shop, query) };
};

export default function Orders() {
  const { query, page } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { notice, notify, dismiss } = useNotice();
  const bulk = useBulkSync();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/app";

  if (page.counts.all === 0) return <OrdersEmptyState connected={page.connected} />;
  return (
    <Page title="Orders" fullWidth>
      <BlockStack gap="400">
        {!page.connected && (
          <Banner tone="warning" action={{ content: "Go to Settings", url: "/app/settings" }}>
            No TikTok shop is connected: new orders don't arrive until you connect it again.
          </Banner>
        )}
        <NoticeBanner notice={notice} onDismiss={dismiss} />
        {bulk.banner}
        <Card padding="0">
          <OrdersFilters query={query} counts={page.counts} loading={loading} />
          <OrdersTable
            orders={page.orders}
            pageInfo={page.pageInfo}
            loading={loading}
            onNotice={notify}
            onSyncSelected={bulk.start}
            emptyState={
              <EmptyState heading="No orders match" image="">
                <p>Try another tab, or clear the search and filters.</p>
              </EmptyState>
            }
          />
        </Card>
      </BlockStack>
    </Page>
  );
}
