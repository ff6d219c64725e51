import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { CurrenciesView, saveCurrencyRate } from "~/pages/settings.server";
import type { Notice } from "./sync-outcome";
import { answerNotice, useFetcherAnswer } from "./use-fetcher-answer";

type Props = { currencies: CurrenciesView; onNotice: (notice: Notice) => void };

/**
 * The rates for TikTok shops selling in another currency than the store's: an order is created in TikTok's
 * currency, and Shopify's amounts in the store's are converted at the merchant's rate.
 */
export function CurrenciesCard({ currencies, onNotice }: Props) {
  const { shopCurrency, rates } = currencies;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">
          {shopCurrency
            ? `Your store's currency is ${shopCurrency}. Orders in another currency are created in the buyer's currency, with ${shopCurrency} amounts at your rate; each order's note names the rate.`
            : "Shopify did not say your store's currency just now: reload the page to set rates."}
        </Text>
        {shopCurrency && rates.length === 0 && (
          <Text as="p" tone="subdued">
            All your TikTok orders so far are in {shopCurrency}.
          </Text>
        )}
        {shopCurrency &&
          rates.map((rate) => (
            <RateRow key={rate.currency} shopCurrency={shopCurrency} rate={rate} onNotice={onNotice} />
          ))}
        {shopCurrency && <RateRow shopCurrency={shopCurrency} rate={null} onNotice={onNotice} />}
      </BlockStack>
    </Card>
  );
}

function RateRow({
  shopCurrency,
  rate,
  onNotice,
}: {
  shopCurrency: string;
  rate: CurrenciesView["rates"][number] | null;
  onNotice: (notice: Notice) => void;
}) {
  const save = useFetcher<typeof saveCurrencyRate>();
  const [currency, setCurrency] = useState(rate?.currency ?? "");
  const [value, setValue] = useState(rate?.rate ?? "");
  useFetcherAnswer(save, (answer) => {
    onNotice(answerNotice(answer));
    if (answer.ok && !rate) {
      setCurrency("");
      setValue("");
    }
  });
  const errors: { currency?: string; rate?: string } = save.data && !save.data.ok ? save.data.errors : {};
  const shown = rate?.currency ?? (currency.trim().toUpperCase() || "…");
  const help = rate
    ? rate.setAt
      ? `Set on ${new Date(rate.setAt).toLocaleDateString()}.`
      : `Orders in ${rate.currency} wait for this rate.`
    : null;
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="end" wrap={false}>
        {!rate && (
          <TextField
            label="Another currency"
            autoComplete="off"
            value={currency}
            onChange={setCurrency}
            placeholder="EUR"
            maxLength={3}
            error={errors.currency}
          />
        )}
        <TextField
          label={rate ? `1 ${rate.currency} in ${shopCurrency}` : `Its rate in ${shopCurrency}`}
          autoComplete="off"
          inputMode="decimal"
          value={value}
          onChange={setValue}
          placeholder="1.27"
          error={errors.rate ?? (rate ? errors.currency : undefined)}
        />
        <Button
          accessibilityLabel={
            rate || currency.trim() ? `Save rate for ${shown}` : "Save rate for another currency"
          }
          loading={save.state !== "idle"}
          onClick={() =>
            save.submit(
              { currency: rate?.currency ?? currency, rate: value },
              { method: "post", action: "/app/currencies", encType: "application/json" },
            )
          }
        >
          Save rate
        </Button>
      </InlineStack>
      {help && (
        <Text as="p" tone="subdued">
          {help}
        </Text>
      )}
    </BlockStack>
  );
}
