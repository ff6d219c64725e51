import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import { OverviewAttention, OverviewToday } from "~/components/OverviewAttention";
import { OverviewSetup } from "~/components/OverviewSetup";
import { ApprovalBanner } from "~/components/ApprovalBanner";
import { grantsScope, WAY_BACK_SCOPE } from "~/lib/scopes";
import { loadOverview } from "~/pages/overview.server";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const overview = await loadOverview(session.shop, { tz: new URL(request.url).searchParams.get("tz") });
  // Installed before the app sent tracking to TikTok: Shopify asks the merchant to approve the new scope.
  return { ...overview, approvalNeeded: !grantsScope(session.scope, WAY_BACK_SCOPE) };
};

/** The app's home: setting up, the orders that need a look, and today's. */
export default function OverviewPage() {
  const overview = useLoaderData<typeof loader>();
  // Today is counted in the browser's time zone, which the first request doesn't carry.
  const withZone = useFetcher<typeof loadOverview>();
  const load = withZone.load;
  const needsZone = overview.today === null;
  const asked = useRef(false);
  useEffect(() => {
    if (!needsZone || asked.current) return;
    asked.current = true;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    void load(`/app?index&tz=${encodeURIComponent(tz)}`);
  }, [needsZone, load]);

  return (
    <Page title="Overview">
      <BlockStack gap="400">
        {overview.approvalNeeded && <ApprovalBanner />}
        {overview.privacyRequests > 0 && (
          <Banner
            tone="warning"
            title={
              overview.privacyRequests === 1
                ? "A customer asked for their data"
                : `${overview.privacyRequests} customers asked for their data`
            }
            action={{ content: "Open Privacy requests", url: "/app/settings#privacy-requests" }}
          >
            Download the report of what the app holds for them and send it to them: Shopify asks that it
            reaches them within 30 days.
          </Banner>
        )}
        <OverviewSetup steps={overview.steps} />
        <OverviewAttention attention={overview.attention} />
        <OverviewToday today={overview.today ?? withZone.data?.today ?? null} />
      </BlockStack>
    </Page>
  );
}
