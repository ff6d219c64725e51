import { BlockStack, InlineStack, Link, Text, Tooltip } from "@shopify/polaris";
import type { ReasonCode } from "~/sync/reasons";
import { reasonView, type FixLink } from "./reason-view";

/** The "Reason for failure" of an order: title, stage, how to resolve on hover, and where to fix it. */
export function ReasonCell({ code }: { code: ReasonCode | null }) {
  if (!code) return null;
  const reason = reasonView(code);
  return (
    <BlockStack gap="050">
      <Tooltip content={reason.howToResolve} hasUnderline width="wide" preferredPosition="above">
        <Text as="span" fontWeight="medium">
          {reason.title}
        </Text>
      </Tooltip>
      <InlineStack gap="200" blockAlign="center">
        <Text as="span" tone="subdued" variant="bodySm">
          {reason.stage}
        </Text>
        {reason.fix && <FixIn fix={reason.fix} />}
      </InlineStack>
    </BlockStack>
  );
}

export function FixIn({ fix }: { fix: FixLink }) {
  if (!fix.url)
    return (
      <Text as="span" variant="bodySm" tone="subdued">
        Fix in {fix.label}
      </Text>
    );
  return (
    <Text as="span" variant="bodySm">
      <Link url={fix.url} removeUnderline>
        Fix in {fix.label}
      </Link>
    </Text>
  );
}
