import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { SELLER_CANCEL_REASONS } from "~/fulfillment/seller-cancel-reasons";
import type { sellerCancelAction, SellerCancelView } from "~/pages/seller-cancel.server";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

const reasonOptions = [
  { label: "Choose a reason", value: "" },
  ...SELLER_CANCEL_REASONS.map(({ label, value }) => ({ label, value })),
];

/**
 * An order the merchant cancelled in Shopify while it was open on TikTok: the question whether to cancel it
 * on TikTok too (with TikTok's reason), asked each time, or what came of it.
 */
export function SellerCancelBanner({
  tiktokOrderId,
  state,
  onNotice,
}: {
  tiktokOrderId: string;
  state: SellerCancelView;
  onNotice: (notice: Notice) => void;
}) {
  const answer = useFetcher<typeof sellerCancelAction>();
  useFetcherAnswer(answer, (answered) => onNotice(answerNotice(answered)));
  const [reason, setReason] = useState("");
  const busy = answer.state !== "idle";
  const send = (body: Record<string, string>) =>
    answer.submit(
      { tiktokOrderId, ...body },
      { method: "post", action: "/app/seller-cancel", encType: "application/json" },
    );

  if (state.status === "CANCELLED")
    return (
      <Banner tone="info" title="Cancelled in Shopify and on TikTok">
        <Text as="p">TikTok cancelled the order at your request and refunds the buyer.</Text>
      </Banner>
    );
  if (state.status === "KEPT")
    return (
      <Banner tone="warning" title="Cancelled in Shopify, still open on TikTok">
        <Text as="p">
          You chose to keep it open on TikTok: ship it there, or cancel it in TikTok Seller Center, or TikTok
          counts it late after its ship-by time.
        </Text>
      </Banner>
    );
  if (state.status === "REFUSED")
    return (
      <Banner tone="critical" title="Cancelled in Shopify, but TikTok no longer allows cancelling it">
        <BlockStack gap="100">
          {state.detail && <Text as="p">TikTok said: “{state.detail}”</Text>}
          <Text as="p">
            The order stays open on TikTok: ship it, or ask the buyer to request a cancellation or a return.
          </Text>
        </BlockStack>
      </Banner>
    );
  return (
    <Banner tone="warning" title="Cancelled in Shopify: cancel it on TikTok too?">
      <BlockStack gap="200">
        <Text as="p">
          The order is still open on TikTok, and TikTok expects it shipped. Cancelling it there refunds the
          buyer; TikTok counts a seller's cancellation against your cancellation rate.
        </Text>
        <Select
          label="Reason for TikTok"
          options={reasonOptions}
          value={reason}
          onChange={setReason}
          disabled={busy}
        />
        <InlineStack gap="200">
          <Button
            variant="primary"
            tone="critical"
            disabled={!reason}
            loading={busy}
            onClick={() => send({ intent: "cancel", reason })}
          >
            Cancel on TikTok
          </Button>
          <Button disabled={busy} onClick={() => send({ intent: "keep" })}>
            Keep it open on TikTok
          </Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}
