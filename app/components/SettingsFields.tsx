import { Card, Checkbox, FormLayout, Layout, Select, Text, TextField } from "@shopify/polaris";
import { SETTINGS_LABELS as LABELS, shownFields, type SettingsDraft } from "./SettingsDraft";

type Props = {
  draft: SettingsDraft;
  errors: Record<string, string>;
  onChange: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
};

const sampleRules = [
  { label: "Sync each sample order", value: "SYNC" },
  { label: "Combine sample orders to the same address", value: "COMBINE" },
  { label: "Do not sync sample orders", value: "SKIP" },
];
const onHoldRules = [
  { label: "Wait until TikTok releases the address", value: "WAIT" },
  { label: "Sync now, add the address when it is released", value: "SYNC" },
];
const inventoryBehaviours = [
  { label: "Decrement inventory, refuse if out of stock", value: "DECREMENT_OBEYING_POLICY" },
  { label: "Decrement inventory, even below zero", value: "DECREMENT_IGNORING_POLICY" },
  { label: "Don't change inventory", value: "BYPASS" },
];

/** The settings the merchant edits, in two sections; fields that don't apply to the sample rule are hidden. */
export function SettingsFields({ draft, errors, onChange }: Props) {
  const shown = shownFields(draft);
  const text = (key: "sampleOrderTag" | "combineWindowMinutes" | "orderTags" | "orderNameFormat") => ({
    label: LABELS[key],
    autoComplete: "off",
    value: draft[key],
    onChange: (value: string) => onChange(key, value),
    error: errors[key],
  });
  const choice = <K extends "sampleOrderRule" | "onHoldRule" | "inventoryBehaviour">(key: K) => ({
    label: LABELS[key],
    value: draft[key],
    onChange: (value: string) => onChange(key, value as SettingsDraft[K]),
    error: errors[key],
  });
  const check = (key: "autoSync" | "notifyCustomer" | "restockReturns" | "offerTikTokCancel") => ({
    label: LABELS[key],
    checked: draft[key],
    onChange: (checked: boolean) => onChange(key, checked),
    error: errors[key],
  });

  return (
    <>
      <Layout.AnnotatedSection title="Order sync" description="What the app does with new TikTok orders.">
        <Card>
          <FormLayout>
            <Checkbox
              {...check("autoSync")}
              helpText="When off, orders wait as Blocked until you turn it on."
            />
            <Select {...choice("sampleOrderRule")} options={sampleRules} />
            {shown.combineWindowMinutes && (
              <TextField
                {...text("combineWindowMinutes")}
                type="number"
                min={30}
                max={1440}
                helpText="Between 30 minutes and 24 hours, from the first sample order to that address."
              />
            )}
            {shown.sampleOrderTag && (
              <TextField
                {...text("sampleOrderTag")}
                helpText="Added to every sample order synced to Shopify."
              />
            )}
            <Select
              {...choice("onHoldRule")}
              options={onHoldRules}
              helpText="TikTok holds a new order for an hour and withholds its address meanwhile."
            />
            <Text as="p" tone="subdued">
              Orders fulfilled by TikTok (FBT) or by Tokopedia's warehouse are never synced: the platform
              ships them from its own warehouse.
            </Text>
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection title="Shopify orders" description="How synced orders look in Shopify.">
        <Card>
          <FormLayout>
            <TextField {...text("orderTags")} helpText="Separate tags with commas." />
            <TextField
              {...text("orderNameFormat")}
              helpText={
                draft.orderNameFormat.includes("{id}")
                  ? `{id} is the TikTok order id, e.g. ${draft.orderNameFormat.replace("{id}", "576462547654820321")}`
                  : "{id} is the TikTok order id."
              }
            />
            <Select {...choice("inventoryBehaviour")} options={inventoryBehaviours} />
            <Checkbox
              {...check("notifyCustomer")}
              helpText="TikTok already confirms the order to the buyer."
            />
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection
        title="Returns and cancellations"
        description="What the app does when an order changes after it is in Shopify."
      >
        <Card>
          <FormLayout>
            <Checkbox
              {...check("restockReturns")}
              helpText="When TikTok refunds a return, the refund in Shopify puts the items that came back into stock. Refunds without a return never restock."
            />
            <Checkbox
              {...check("offerTikTokCancel")}
              helpText="The order page then asks, each time, whether to cancel the order on TikTok too, and with which reason. TikTok counts seller cancellations against your cancellation rate."
            />
          </FormLayout>
        </Card>
      </Layout.AnnotatedSection>
    </>
  );
}
