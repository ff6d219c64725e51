import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";

export default async () => {
  render(<Extension />, document.body);
};

/** What came of the sync, as the app's backend words it (`POST /api/extensions/orders/<n>/sync`). */
type Outcome = { message: string; tone: "success" | "critical" | "info" };
type State = { kind: "ready" } | { kind: "syncing" } | { kind: "done"; outcome: Outcome };

/** The number at the end of `gid://shopify/Order/<n>`, which the backend names the order by. */
const orderNumber = (gid: string | undefined) => /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid ?? "")?.[1];

function Extension() {
  const { i18n, data, close } = shopify;
  const number = orderNumber(data.selected[0]?.id);
  const [state, setState] = useState<State>({ kind: "ready" });

  const sync = async () => {
    setState({ kind: "syncing" });
    const outcome = number
      ? await syncOrder(number, i18n.translate("failed"), i18n.translate("unreachable"))
      : { message: i18n.translate("failed"), tone: "critical" as const };
    setState({ kind: "done", outcome });
  };

  const syncing = state.kind === "syncing";
  return (
    <s-admin-action heading={i18n.translate("heading")} loading={syncing}>
      <s-stack direction="block" gap="base">
        <s-text>{i18n.translate("explain")}</s-text>
        {state.kind === "done" && <s-banner tone={state.outcome.tone}>{state.outcome.message}</s-banner>}
      </s-stack>
      <s-button slot="primary-action" variant="primary" onClick={sync} disabled={syncing || !number}>
        {i18n.translate("sync")}
      </s-button>
      <s-button slot="secondary-actions" onClick={() => close()}>
        {i18n.translate("close")}
      </s-button>
    </s-admin-action>
  );
}

/** Asks the app to sync the order now; its answer is a sentence, or an error in plain words. */
async function syncOrder(number: string, failed: string, unreachable: string): Promise<Outcome> {
  try {
    // Relative to the app's URL; Shopify adds the ID token the backend authenticates.
    const response = await fetch(`/api/extensions/orders/${number}/sync`, { method: "POST" });
    const body = (await response.json().catch(() => null)) as (Partial<Outcome> & { error?: string }) | null;
    if (response.ok && body?.message && body.tone) return { message: body.message, tone: body.tone };
    return { message: body?.error ?? failed, tone: "critical" };
  } catch {
    return { message: unreachable, tone: "critical" };
  }
}
