import { BlockStack, Card, InlineGrid, Link, SkeletonBodyText, Text } from "@shopify/polaris";
import type { AttentionCount, TodayView } from "~/pages/overview.server";

const LABELS: Record<AttentionCount["id"], { title: string; detail: string }> = {
  failed: { title: "Failed", detail: "Shopify or TikTok refused them" },
  action: { title: "Needs your action", detail: "Blocked until you fix what stops them" },
  waiting: { title: "Waiting", detail: "Blocked until a wait ends, then they sync" },
};

/** The orders that need a look, each count opening the Orders list filtered to them. */
export function OverviewAttention({ attention }: { attention: AttentionCount[] }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
      {attention.map((item) => (
        <Card key={item.id}>
          <Link url={item.url} removeUnderline monochrome>
            <BlockStack gap="100">
              <Text as="h2" variant="headingSm">
                {LABELS[item.id].title}
              </Text>
              <Text
                as="p"
                variant="heading2xl"
                tone={item.count > 0 && item.id !== "waiting" ? "critical" : undefined}
              >
                {item.count.toLocaleString("en-US")}
              </Text>
              <Text as="p" tone="subdued">
                {LABELS[item.id].detail}
              </Text>
            </BlockStack>
          </Link>
        </Card>
      ))}
    </InlineGrid>
  );
}

const orders = (n: number) => (n === 1 ? "1 order" : `${n.toLocaleString("en-US")} orders`);

/**
 * Today's orders, in the browser's time zone. The server can't know that zone, so the first view keeps
 * their place with a skeleton of the same height until the browser has asked.
 */
export function OverviewToday({ today }: { today: TodayView | null }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Today
        </Text>
        {today ? (
          <BlockStack gap="100">
            <Text as="p">
              {`${orders(today.placed)} placed on TikTok: ${today.synced.toLocaleString("en-US")} synced, `}
              {`${today.blocked.toLocaleString("en-US")} blocked, ${today.failed.toLocaleString("en-US")} failed.`}
            </Text>
            <Link url={today.url}>See today's orders</Link>
          </BlockStack>
        ) : (
          <SkeletonBodyText lines={2} />
        )}
      </BlockStack>
    </Card>
  );
}
