import { readFormBody } from "~/lib/read-limited-body.server";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { useState } from "react";
import { LocalTime } from "~/components/LocalTime";
import {
  applyPlanAction,
  loadPlanPage,
  planActionSchema,
  planQuerySchema,
  type CurrentPlanView,
  type PlanChoiceView,
} from "~/pages/plan.server";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, billing } = await authenticateAdmin(request);
  const query = planQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadPlanPage(billing, session.shop, query);
};

// Choosing a plan ends in billing.request's redirect to Shopify's approval page, thrown from here.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, billing } = await authenticateAdmin(request);
  const form = await readFormBody(request);
  const input = planActionSchema.safeParse(form ? Object.fromEntries(form) : null);
  if (!input.success)
    return data({ ok: false as const, status: 400, error: "That request isn't valid." }, { status: 400 });
  const result = await applyPlanAction(billing, session.shop, input.data);
  return result.ok ? result : data(result, { status: result.status });
};

// billing.request leaves the app with a 401 whose X-Shopify-API-Request-Failure-Reauthorize-Url App Bridge
// follows; the action's own route must pass those headers on.
export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

const WAITING_ORDERS_URL = "/app/orders?tab=blocked&reason=PLAN_INACTIVE";
const orders = (count: number) => (count === 1 ? "1 order" : `${count} orders`);
const are = (count: number) => (count === 1 ? "is" : "are");

export default function Plan() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const choosing = busy ? navigation.formData?.get("plan") : null;

  return (
    <Page title="Plan" subtitle="The app syncs TikTok orders while a plan is active.">
      <Layout>
        {page.returned && (
          <Layout.Section>
            <Banner tone={page.returned.active ? "success" : "warning"}>
              {page.returned.active
                ? `${page.current?.name ?? "Your plan"} is active.` +
                  (page.returned.requeued > 0
                    ? ` ${orders(page.returned.requeued)} that waited for a plan ${are(page.returned.requeued)} queued to sync.`
                    : "")
                : "No plan is active: the charge was not approved."}
            </Banner>
          </Layout.Section>
        )}
        {result && (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              {result.ok
                ? `${result.cancelled} is cancelled. New orders wait as Blocked until a plan is active.`
                : result.error}
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <CurrentPlanCard current={page.current} testCharges={page.testCharges} busy={busy} />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Orders waiting for a plan
              </Text>
              <Text as="p">
                {page.waitingOrders === 0
                  ? "No order is waiting for a plan."
                  : page.current
                    ? `${orders(page.waitingOrders)} that waited for a plan ${are(page.waitingOrders)} queued to sync.`
                    : `${orders(page.waitingOrders)} ${are(page.waitingOrders)} Blocked at stage 7 · Plan, and sync by themselves as soon as a plan is active.`}
              </Text>
              {page.waitingOrders > 0 && (
                <Text as="p">
                  <Link url={WAITING_ORDERS_URL}>See them in Orders</Link>
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        {page.plans.map((plan) => (
          <Layout.Section key={plan.name} variant="oneHalf">
            <PlanChoiceCard plan={plan} busy={busy} choosing={choosing === plan.name} />
          </Layout.Section>
        ))}
      </Layout>
    </Page>
  );
}

function CurrentPlanCard(props: { current: CurrentPlanView | null; testCharges: boolean; busy: boolean }) {
  const { current, testCharges, busy } = props;
  const [confirming, setConfirming] = useState(false);
  if (!current)
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            No plan is active
          </Text>
          <Text as="p">New TikTok orders wait as Blocked until you choose a plan below.</Text>
        </BlockStack>
      </Card>
    );
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {current.name}
          </Text>
          <Badge tone="success">Active</Badge>
          {current.test && <Badge tone="info">Test charge</Badge>}
        </InlineStack>
        {current.price && <Text as="p">{current.price}</Text>}
        {current.trialEndsAt && (
          <Text as="p">
            Free trial until <LocalTime iso={current.trialEndsAt} />.
          </Text>
        )}
        {current.currentPeriodEnd && (
          <Text as="p" tone="subdued">
            Current billing period ends <LocalTime iso={current.currentPeriodEnd} />.
          </Text>
        )}
        {testCharges && (
          <Text as="p" tone="subdued">
            Outside production the app asks Shopify for test charges: the store isn't billed.
          </Text>
        )}
        {confirming ? (
          <Banner tone="warning" title={`Cancel ${current.name}?`}>
            <BlockStack gap="200">
              <Text as="p">New TikTok orders will wait as Blocked until a plan is active again.</Text>
              <Form method="post" onSubmit={() => setConfirming(false)}>
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="subscriptionId" value={current.id} />
                <InlineStack gap="200">
                  <Button submit tone="critical" loading={busy}>
                    Cancel plan
                  </Button>
                  <Button onClick={() => setConfirming(false)}>Keep plan</Button>
                </InlineStack>
              </Form>
            </BlockStack>
          </Banner>
        ) : (
          <InlineStack>
            <Button variant="plain" tone="critical" onClick={() => setConfirming(true)} disabled={busy}>
              Cancel plan
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}

function PlanChoiceCard(props: { plan: PlanChoiceView; busy: boolean; choosing: boolean }) {
  const { plan, busy, choosing } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {plan.name}
        </Text>
        <Text as="p" variant="headingLg">
          {plan.price}
        </Text>
        <Text as="p" tone="subdued">
          Every TikTok order synced, no limit. {plan.trialDays}-day free trial.
        </Text>
        <Form method="post">
          <input type="hidden" name="intent" value="choose" />
          <input type="hidden" name="plan" value={plan.name} />
          <Button submit variant="primary" disabled={plan.current || busy} loading={choosing}>
            {plan.current ? "Current plan" : `Choose ${plan.name}`}
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
