import { Badge, BlockStack, InlineStack, Link, Text, Tooltip } from "@shopify/polaris";
import type { RowStatus } from "~/pages/page-facts.server";
import { LocalTime } from "./LocalTime";
import { attentionView, causeGoneLabel, reasonView, type FixLink } from "./reason-view";

/**
 * The "Reason for failure" of an order: its title (how to resolve on hover), what kind of reason it is,
 * Shopify's or TikTok's refusal in plain words for a Failed order, when a wait ends, the stage, and where
 * to fix it, or that the cause is gone and Sync now goes through.
 */
export function ReasonCell({ row }: { row: RowStatus }) {
  if (row.created) return <CreatedNote created={row.created} />;
  if (!row.reasonCode) return null;
  const reason = reasonView(row.reasonCode);
  const kind = attentionView(row.attention, row.status);
  return (
    <BlockStack gap="100">
      <Tooltip content={reason.howToResolve} hasUnderline width="wide" preferredPosition="above">
        <Text as="span" fontWeight="medium" tone={row.attention === "skipped" ? "subdued" : undefined}>
          {reason.title}
        </Text>
      </Tooltip>
      {row.failure && (
        <Text as="span" variant="bodySm" tone="critical">
          {row.failure}
        </Text>
      )}
      <InlineStack gap="200" blockAlign="center">
        {row.attention && (
          <Badge size="small" tone={kind.tone}>
            {kind.label}
          </Badge>
        )}
        {row.waitsUntil && <WaitsUntil iso={row.waitsUntil} estimate={row.reasonCode === "ORDER_ON_HOLD"} />}
        <Text as="span" tone="subdued" variant="bodySm">
          {reason.stage}
        </Text>
        {row.causeGone ? (
          <Text as="span" variant="bodySm" tone="success" fontWeight="medium">
            {causeGoneLabel(row.attention)}
          </Text>
        ) : (
          reason.fix && <FixIn fix={reason.fix} />
        )}
      </InlineStack>
    </BlockStack>
  );
}

/** When a waiting order's wait ends; TikTok's hold is about an hour, so its end is an estimate. */
export function WaitsUntil({ iso, estimate }: { iso: string; estimate: boolean }) {
  return (
    <Text as="span" variant="bodySm">
      {estimate ? "Until about " : "Until "}
      <LocalTime iso={iso} />
    </Text>
  );
}

/** What followed the create of a synced order, when something did. */
function CreatedNote({ created }: { created: NonNullable<RowStatus["created"]> }) {
  const note = created.cancelledByMerchant
    ? "Created, then cancelled in Shopify"
    : created.cancelled
      ? "Created and cancelled, as on TikTok"
      : created.addressPending
        ? "Created without an address, until TikTok sends it"
        : created.codUnpaid
          ? "Cash on delivery: unpaid until delivered"
          : null;
  if (!note) return null;
  return (
    <Text as="span" variant="bodySm" tone="subdued">
      {note}
    </Text>
  );
}

/** Where the cause is fixed: a link, underlined so it reads as one in a banner's text too. */
export function FixIn({ fix, underlined = false }: { fix: FixLink; underlined?: boolean }) {
  if (!fix.url)
    return (
      <Text as="span" variant="bodySm" tone="subdued">
        Fix in {fix.label}
      </Text>
    );
  return (
    <Text as="span" variant="bodySm">
      <Link url={fix.url} removeUnderline={!underlined}>
        Fix in {fix.label}
      </Link>
    </Text>
  );
}
