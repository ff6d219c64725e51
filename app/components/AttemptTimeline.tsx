import { Badge, BlockStack, Box, Divider, InlineStack, Text } from "@shopify/polaris";
import { Fragment } from "react";
import type { AttemptView, StageResult } from "~/pages/order-detail.server";
import { describeReason, type ReasonCode } from "~/sync/reasons";
import { LocalTime } from "./LocalTime";
import { attentionView, stageLabel } from "./reason-view";

const TRIGGERS = {
  WEBHOOK: "TikTok webhook",
  POLL: "Regular check",
  MANUAL: "Sync clicked",
  LINKED: "A product was linked",
  REQUEUE: "Re-queued after a fix, or to retry",
};
const OUTCOMES = {
  CREATING: { label: "Creating (no answer yet)", tone: "attention" },
  SYNCED: { label: "Synced", tone: "success" },
  BLOCKED: { label: "Blocked", tone: "warning" },
  FAILED: { label: "Failed", tone: "critical" },
} as const;
const STAGE_STATUS = {
  passed: { label: "Passed", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  skipped: { label: "Skipped by Sync", tone: "attention" },
  not_reached: { label: "Not reached", tone: undefined },
} as const;

/**
 * Every sync attempt, newest first: when, what started it, each stage's result, and a failure in plain words
 * above Shopify's or TikTok's message verbatim.
 */
export function AttemptTimeline({ attempts }: { attempts: AttemptView[] }) {
  if (attempts.length === 0) return <Text as="p">No sync attempt yet.</Text>;
  return (
    <BlockStack gap="400">
      {attempts.map((attempt, index) => (
        <Fragment key={attempt.id}>
          {index > 0 && <Divider />}
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                <LocalTime iso={attempt.startedAt} />
              </Text>
              <Badge
                tone={
                  attempt.outcome === "BLOCKED"
                    ? blockTone(attempt.reasonCode)
                    : OUTCOMES[attempt.outcome].tone
                }
              >
                {OUTCOMES[attempt.outcome].label}
              </Badge>
              <Text as="span" tone="subdued">
                {TRIGGERS[attempt.trigger]}
              </Text>
            </InlineStack>
            {attempt.reasonCode && <Text as="p">{describeReason(attempt.reasonCode).title}</Text>}
            {attempt.stages.length > 0 && <StageList stages={attempt.stages} />}
            {attempt.plain && <Text as="p">{attempt.plain}</Text>}
            {attempt.errorDetail && (
              <BlockStack gap="100">
                {attempt.plain && (
                  <Text as="p" variant="bodySm" tone="subdued">
                    As received:
                  </Text>
                )}
                <Box background="bg-surface-secondary" padding="200" borderRadius="200">
                  <pre style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                    {attempt.errorDetail}
                  </pre>
                </Box>
              </BlockStack>
            )}
          </BlockStack>
        </Fragment>
      ))}
    </BlockStack>
  );
}

// A block takes its reason's tone, as on the rest of the page: a choice isn't a problem.
const blockTone = (code: ReasonCode | null) =>
  attentionView(code ? describeReason(code).attention : null, "BLOCKED").tone;
const stageTone = (code: ReasonCode | undefined) => {
  const tone = blockTone(code ?? null);
  return tone === "warning" ? "critical" : tone;
};

function StageList({ stages }: { stages: StageResult[] }) {
  return (
    <BlockStack gap="100">
      {stages.map((stage) => (
        <InlineStack key={stage.stage} gap="200" blockAlign="center" wrap={false}>
          <Box minWidth="220px">
            <Text as="span" variant="bodySm">
              {stageLabel(stage.stage)}
            </Text>
          </Box>
          <Badge
            size="small"
            tone={stage.status === "failed" ? stageTone(stage.reasons[0]) : STAGE_STATUS[stage.status].tone}
          >
            {STAGE_STATUS[stage.status].label}
          </Badge>
          <Text as="span" variant="bodySm" tone="subdued">
            {stage.reasons.map((code) => describeReason(code).title).join("; ")}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
