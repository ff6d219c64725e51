import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { TikTokConnectionCard } from "~/components/TikTokConnectionCard";
import { getShopSettings } from "~/models/shop.server";
import type { ShopSettings } from "~/models/settings";
import { settingsFromForm, updateSettings } from "~/pages/settings.server";
import { authenticate } from "~/shopify.server";
import { getTikTokConnectionSummary } from "~/tiktok/connection-summary.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return {
    settings: await getShopSettings(session.shop),
    tiktok: await getTikTokConnectionSummary(session.shop),
    // Set by the TikTok callback when it sends the merchant back here.
    tiktokJustConnected: new URL(request.url).searchParams.get("tiktok") === "connected",
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData().catch(() => null);
  if (!form)
    return data({ saved: false, errors: { form: "The settings form couldn't be read." } }, { status: 400 });
  const result = await updateSettings(session.shop, settingsFromForm(form));
  return result.ok ? { saved: true, errors: {} } : { saved: false, errors: result.errors };
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

export default function Settings() {
  const { settings, tiktok, tiktokJustConnected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  const [form, setForm] = useState<ShopSettings>(settings);
  const set =
    <K extends keyof ShopSettings>(key: K) =>
    (value: ShopSettings[K]) =>
      setForm((current) => ({ ...current, [key]: value }));

  return (
    <Page title="Settings">
      <Form method="post">
        <Layout>
          {/* Its buttons submit through fetchers of their own, not this form. */}
          <Layout.Section>
            <TikTokConnectionCard summary={tiktok} justConnected={tiktokJustConnected} />
          </Layout.Section>
          {result?.saved && (
            <Layout.Section>
              <Banner tone="success">Settings saved.</Banner>
            </Layout.Section>
          )}
          <Layout.AnnotatedSection title="Order sync" description="What the app does with new TikTok orders.">
            <Card>
              <FormLayout>
                <Checkbox
                  label="Sync TikTok orders automatically"
                  name="autoSync"
                  checked={form.autoSync}
                  onChange={set("autoSync")}
                  helpText="When off, orders wait as Blocked until you turn it on."
                />
                <Select
                  label="Sample orders"
                  name="sampleOrderRule"
                  options={sampleRules}
                  value={form.sampleOrderRule}
                  onChange={(v) => set("sampleOrderRule")(v as ShopSettings["sampleOrderRule"])}
                  error={errors.sampleOrderRule}
                />
                <TextField
                  label="Combine window (minutes)"
                  name="combineWindowMinutes"
                  type="number"
                  min={30}
                  max={1440}
                  autoComplete="off"
                  value={String(form.combineWindowMinutes)}
                  onChange={(v) => set("combineWindowMinutes")(Number(v))}
                  error={errors.combineWindowMinutes}
                  helpText="Between 30 minutes and 24 hours, from the first sample order to that address."
                />
                <TextField
                  label="Sample order tag"
                  name="sampleOrderTag"
                  autoComplete="off"
                  value={form.sampleOrderTag}
                  onChange={set("sampleOrderTag")}
                  error={errors.sampleOrderTag}
                />
                <Select
                  label="Orders on hold"
                  name="onHoldRule"
                  options={onHoldRules}
                  value={form.onHoldRule}
                  onChange={(v) => set("onHoldRule")(v as ShopSettings["onHoldRule"])}
                  error={errors.onHoldRule}
                  helpText="TikTok holds a new order for an hour and withholds its address meanwhile."
                />
                <Text as="p" tone="subdued">
                  Orders fulfilled by TikTok (FBT) are never synced: TikTok ships them from its own warehouse.
                </Text>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Shopify orders" description="How synced orders look in Shopify.">
            <Card>
              <FormLayout>
                <TextField
                  label="Order tags"
                  name="orderTags"
                  autoComplete="off"
                  value={form.orderTags.join(", ")}
                  onChange={(v) => set("orderTags")(v.split(",").map((t) => t.trim()))}
                  error={errors.orderTags}
                  helpText="Separate tags with commas."
                />
                <TextField
                  label="Order name format"
                  name="orderNameFormat"
                  autoComplete="off"
                  value={form.orderNameFormat}
                  onChange={set("orderNameFormat")}
                  error={errors.orderNameFormat}
                  helpText={`{id} is the TikTok order id, e.g. ${form.orderNameFormat.replace("{id}", "576462547654820321")}`}
                />
                <Select
                  label="Inventory"
                  name="inventoryBehaviour"
                  options={inventoryBehaviours}
                  value={form.inventoryBehaviour}
                  onChange={(v) => set("inventoryBehaviour")(v as ShopSettings["inventoryBehaviour"])}
                  error={errors.inventoryBehaviour}
                />
                <Checkbox
                  label="Send Shopify's order confirmation to the buyer"
                  name="notifyCustomer"
                  checked={form.notifyCustomer}
                  onChange={set("notifyCustomer")}
                  helpText="TikTok already confirms the order to the buyer."
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack inlineAlign="end">
              <Button submit variant="primary" loading={saving}>
                Save
              </Button>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
