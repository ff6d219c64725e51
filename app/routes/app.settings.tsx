import { readJsonBody } from "~/lib/read-limited-body.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { Banner, Form, Layout, Page } from "@shopify/polaris";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CarriersCard } from "~/components/CarriersCard";
import { CurrenciesCard } from "~/components/CurrenciesCard";
import { NoticeBanner } from "~/components/NoticeBanner";
import { PrivacyRequestsCard } from "~/components/PrivacyRequestsCard";
import {
  draftOf,
  fixMessage,
  hasChanges,
  settingsToSave,
  type SettingsDraft,
} from "~/components/SettingsDraft";
import { SettingsFields } from "~/components/SettingsFields";
import { SettingsSaveBar } from "~/components/SettingsSaveBar";
import { TikTokConnectionCard } from "~/components/TikTokConnectionCard";
import { useNotice } from "~/components/use-notice";
import { loadSettingsPage, saveSettings } from "~/pages/settings.server";
import { authenticateAdmin } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return loadSettingsPage(session.shop, new URL(request.url));
};

// The page sends its settings as JSON; any other body (a form post, not JSON) is read as nothing.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const json = request.headers.get("Content-Type")?.startsWith("application/json");
  return saveSettings(session.shop, json ? await readJsonBody(request) : null);
};

// Each visit (the navigation menu's Settings included) starts from what is saved; a save doesn't navigate.
export default function Settings() {
  return <SettingsPage key={useLocation().key} />;
}

function SettingsPage() {
  const { settings, tiktok, currencies, carriers, tiktokJustConnected, privacyRequests } =
    useLoaderData<typeof loader>();
  const save = useFetcher<typeof saveSettings>();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const { notice, notify, dismiss } = useNotice();
  const saving = save.state !== "idle";
  const dirty = useMemo(() => hasChanges(draft, settings), [draft, settings]);

  // Each answer once, when the page has reloaded what is saved: a toast, and the form saved or marked.
  const answered = useRef<unknown>(null);
  useEffect(() => {
    const result = save.data;
    if (save.state !== "idle" || !result || answered.current === result) return;
    answered.current = result;
    if (result.ok) {
      setDraft(draftOf(result.settings));
      setErrors({});
      setProblem(null);
      notify({ tone: "success", message: result.message });
    } else {
      setErrors(result.errors);
      setProblem(fixMessage(result));
      notify({ tone: "critical", message: fixMessage(result) });
    }
  }, [save.state, save.data, notify]);

  const change = useCallback(<K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  }, []);
  const submit = () => {
    if (!saving)
      save.submit(settingsToSave(draft, settings), { method: "post", encType: "application/json" });
  };
  const dismissAll = () => {
    setProblem(null);
    dismiss();
  };
  const discard = () => {
    setDraft(draftOf(settings));
    setErrors({});
    dismissAll();
  };

  return (
    <Page title="Settings" subtitle="Your TikTok shops, and how their orders are brought into Shopify.">
      <SettingsSaveBar open={dirty} saving={saving} onSave={submit} onDiscard={discard} />
      {/* Enter in a field saves, as the save bar's Save does. The card's buttons don't submit it. */}
      <Form onSubmit={() => dirty && submit()}>
        <Layout>
          {(problem || notice) && (
            <Layout.Section>
              {problem ? (
                <Banner tone="critical" title={problem} onDismiss={dismissAll}>
                  Each field to fix says what it needs.
                </Banner>
              ) : (
                <NoticeBanner notice={notice} onDismiss={dismiss} />
              )}
            </Layout.Section>
          )}
          <Layout.Section>
            <TikTokConnectionCard
              summary={tiktok}
              storeAutoSync={settings.autoSync}
              justConnected={tiktokJustConnected}
              onNotice={notify}
            />
          </Layout.Section>
          <SettingsFields draft={draft} errors={errors} onChange={change} />
          <Layout.AnnotatedSection
            id="currencies"
            title="Currencies"
            description="For TikTok shops that sell in another currency than your store's."
          >
            <CurrenciesCard currencies={currencies} onNotice={notify} />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="carriers"
            title="Carriers"
            description="The TikTok shipping provider each Shopify carrier is sent as, with its tracking number."
          >
            <CarriersCard shops={carriers} onNotice={notify} />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection
            id="privacy-requests"
            title="Privacy requests"
            description="Customers who asked Shopify for the data the app holds about them."
          >
            <PrivacyRequestsCard requests={privacyRequests} />
          </Layout.AnnotatedSection>
        </Layout>
      </Form>
    </Page>
  );
}
