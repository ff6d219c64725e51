import { Badge, BlockStack, Box, Card, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";
import type { SetupStep } from "~/pages/overview.server";

const PLACES: Record<string, string> = {
  "/app/settings": "Settings",
  "/app/products": "Products",
  "/app/plan": "Plan",
};

function StepBadge({ done }: { done: boolean | null }) {
  if (done === null) return <Badge tone="attention">Unknown</Badge>;
  return done ? <Badge tone="success">Done</Badge> : <Badge>To do</Badge>;
}

/** Setting the app up, step by step: each says whether it's done and opens the page where it's done. */
export function OverviewSetup({ steps }: { steps: SetupStep[] }) {
  const done = steps.filter((step) => step.done).length;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Setup
            </Text>
            <Text as="span" tone="subdued">
              {done} of {steps.length} steps done
            </Text>
          </InlineStack>
          <ProgressBar progress={Math.round((done / steps.length) * 100)} size="small" tone="success" />
        </BlockStack>
        <ol aria-label="Setup steps" style={{ margin: 0, padding: 0, listStyle: "none" }}>
          {steps.map((step, index) => (
            <li key={step.id}>
              <Box paddingBlock="200" borderBlockStartWidth={index === 0 ? "0" : "025"} borderColor="border">
                <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm">
                        {`${index + 1}. ${step.title}`}
                      </Text>
                      <StepBadge done={step.done} />
                    </InlineStack>
                    <Text as="p" tone="subdued">
                      {step.detail}
                    </Text>
                  </BlockStack>
                  <Link url={step.url} removeUnderline>
                    {`Open ${PLACES[step.url] ?? "the page"}`}
                  </Link>
                </InlineStack>
              </Box>
            </li>
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
