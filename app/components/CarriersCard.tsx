import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Divider,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { carrierAction, CarrierShopView } from "~/pages/carriers.server";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

type Props = { shops: CarrierShopView[]; onNotice: (notice: Notice) => void };

/**
 * Which TikTok shipping provider each Shopify carrier is sent as, per TikTok shop. Carriers TikTok names
 * the same way are matched by themselves; the rest, and fulfilments waiting on one, are shown here.
 */
export function CarriersCard({ shops, onNotice }: Props) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="p">
          When you fulfil a TikTok order in Shopify, its tracking number is sent to TikTok with the carrier
          TikTok knows it by. Carriers with the same name in both (USPS, UPS, FedEx…) need nothing here.
        </Text>
        {shops.length === 0 && (
          <Text as="p" tone="subdued">
            Connect a TikTok shop to map its carriers.
          </Text>
        )}
        {shops.map((shop, index) => (
          <BlockStack key={shop.tiktokShopId} gap="400">
            {index > 0 && <Divider />}
            <ShopCarriers shop={shop} showName={shops.length > 1} onNotice={onNotice} />
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

function ShopCarriers({
  shop,
  showName,
  onNotice,
}: {
  shop: CarrierShopView;
  showName: boolean;
  onNotice: (notice: Notice) => void;
}) {
  const save = useFetcher<typeof carrierAction>();
  const remove = useFetcher<typeof carrierAction>();
  const [carrier, setCarrier] = useState(shop.unmapped[0] ?? "");
  const [providerId, setProviderId] = useState("");
  useFetcherAnswer(save, (answer) => {
    onNotice(answerNotice(answer));
    if (!answer.ok) return;
    setCarrier("");
    setProviderId("");
  });
  useFetcherAnswer(remove, (answer) => onNotice(answerNotice(answer)));
  const options = [
    { label: "Choose a TikTok provider", value: "" },
    ...(shop.providers ?? []).map((provider) => ({ label: provider.name, value: provider.id })),
  ];
  const submit = () =>
    save.submit(
      { intent: "save", tiktokShopId: shop.tiktokShopId, shopifyCarrier: carrier, providerId },
      { method: "post", action: "/app/carriers", encType: "application/json" },
    );
  return (
    <BlockStack gap="300">
      {showName && (
        <Text as="h3" variant="headingSm">
          {shop.shopName}
        </Text>
      )}
      {shop.unmapped.length > 0 && (
        <Banner tone="warning" title="Fulfilments wait for a carrier mapping">
          <BlockStack gap="200">
            <Text as="p">
              TikTok doesn't list these carriers by the name used in Shopify: {shop.unmapped.join(", ")}. Map
              each below and their tracking is sent.
            </Text>
            <InlineStack gap="200">
              {shop.unmapped.map((name) => (
                <Button key={name} onClick={() => setCarrier(name)}>
                  {`Map ${name}`}
                </Button>
              ))}
            </InlineStack>
          </BlockStack>
        </Banner>
      )}
      {shop.mappings.map((mapping) => (
        <InlineStack key={mapping.shopifyCarrier} gap="200" align="space-between" blockAlign="center">
          <Text as="p">
            {mapping.isDefault ? "Any other carrier" : mapping.shopifyLabel} → {mapping.providerName}
          </Text>
          <Button
            variant="plain"
            tone="critical"
            accessibilityLabel={`Remove the mapping of ${mapping.isDefault ? "any other carrier" : mapping.shopifyLabel}`}
            onClick={() =>
              remove.submit(
                { intent: "remove", tiktokShopId: shop.tiktokShopId, shopifyCarrier: mapping.shopifyCarrier },
                { method: "post", action: "/app/carriers", encType: "application/json" },
              )
            }
          >
            Remove
          </Button>
        </InlineStack>
      ))}
      {shop.providers ? (
        <BlockStack gap="200">
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label={`Carrier in Shopify${showName ? ` (${shop.shopName})` : ""}`}
                helpText="Leave empty to map every carrier that has no mapping of its own."
                autoComplete="off"
                value={carrier}
                onChange={setCarrier}
                placeholder="DHL Express"
              />
              <Select
                label={`TikTok shipping provider${showName ? ` (${shop.shopName})` : ""}`}
                options={options}
                value={providerId}
                onChange={setProviderId}
              />
            </FormLayout.Group>
          </FormLayout>
          <InlineStack align="end">
            <Button
              onClick={submit}
              disabled={!providerId}
              loading={save.state !== "idle"}
              accessibilityLabel={showName ? `Save mapping for ${shop.shopName}` : undefined}
            >
              Save mapping
            </Button>
          </InlineStack>
        </BlockStack>
      ) : (
        <Text as="p" tone="subdued">
          {shop.providersProblem}
        </Text>
      )}
    </BlockStack>
  );
}
