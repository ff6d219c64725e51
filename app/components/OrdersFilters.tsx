import { useSearchParams } from "@remix-run/react";
import { ChoiceList, IndexFilters, IndexFiltersMode, useSetIndexFiltersMode } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { OrdersQuery, OrderTab } from "~/pages/orders.server";
import { describeReason, REASON_CODES } from "~/sync/reasons";
import { STAGES } from "~/sync/stages";
import { OrdersDateRange, placedLabel } from "./OrdersDateRange";
import { stageLabel } from "./reason-view";

export const TABS = [
  { id: "all", content: "All" },
  { id: "blocked", content: "Blocked" },
  { id: "failed", content: "Failed" },
  { id: "pending", content: "Pending" },
  { id: "synced", content: "Synced" },
] as const satisfies readonly { id: OrderTab; content: string }[];

type Props = {
  query: OrdersQuery;
  counts: Record<OrderTab, number>;
  loading: boolean;
  /** Offered as filters when there are several. */
  shops: { id: string; name: string }[];
  currencies: string[];
};

const reasonChoices = REASON_CODES.map((code) => ({ label: describeReason(code).title, value: code }));
const stageChoices = STAGES.map(({ stage }) => ({ label: stageLabel(stage), value: String(stage) }));
const ATTENTION = { action: "Needs your action", waiting: "Waiting to sync by itself" } as const;
const attentionChoices = Object.entries(ATTENTION).map(([value, label]) => ({ label, value }));

/**
 * Status tabs with counts, the filters (reason, stage, what the order waits for, when it was placed) and the
 * search, all kept in the URL.
 */
export function OrdersFilters({ query, counts, loading, shops, currencies }: Props) {
  const [, setSearchParams] = useSearchParams();
  // A list opened filtered (from the overview, a link, Back) shows its filters, not only its rows.
  const filtered = [
    query.q,
    query.reason,
    query.stage,
    query.attention,
    query.shop,
    query.currency,
    query.from,
    query.to,
  ].some(Boolean);
  const { mode, setMode } = useSetIndexFiltersMode(
    filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default,
  );
  const [text, setText] = useState(query.q ?? "");
  // The search the box last sent: a query that differs came from elsewhere (a link, Back), and the box
  // shows it; one still on its way doesn't overwrite what is being typed.
  const sent = useRef(query.q ?? "");
  useEffect(() => {
    if ((query.q ?? "") === sent.current) return;
    sent.current = query.q ?? "";
    setText(query.q ?? "");
  }, [query.q]);

  // Any change starts again at the first page.
  const update = (changes: Record<string, string | undefined>) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      for (const key of ["after", "before"]) next.delete(key);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  useEffect(() => {
    const typed = text.trim().replace(/\s+/g, " ");
    if (typed === (query.q ?? "")) return;
    const timer = setTimeout(() => {
      sent.current = typed;
      update({ q: typed || undefined });
    }, 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `update` is rebuilt each render; the text decides.
  }, [text]);

  const choice = (
    key: string,
    title: string,
    choices: { label: string; value: string }[],
    value?: string,
  ) => ({
    key,
    label: title,
    filter: (
      <ChoiceList
        title={title}
        titleHidden
        choices={choices}
        selected={value ? [value] : []}
        onChange={([picked]) => update({ [key]: picked })}
      />
    ),
  });
  const filters = [
    choice("reason", "Reason", reasonChoices, query.reason),
    choice("stage", "Stage", stageChoices, query.stage ? String(query.stage) : undefined),
    choice("attention", "Needs", attentionChoices, query.attention),
    ...(shops.length > 1 || query.shop
      ? [
          choice(
            "shop",
            "TikTok shop",
            shops.map((shop) => ({ label: shop.name, value: shop.id })),
            query.shop,
          ),
        ]
      : []),
    ...(currencies.length > 1 || query.currency
      ? [
          choice(
            "currency",
            "Currency",
            currencies.map((code) => ({ label: code, value: code })),
            query.currency,
          ),
        ]
      : []),
    {
      key: "placed",
      label: "Placed",
      filter: <OrdersDateRange from={query.from} to={query.to} onChange={update} />,
    },
  ];
  const applied = [
    query.reason && {
      key: "reason",
      label: `Reason: ${describeReason(query.reason).title}`,
      value: "reason",
    },
    query.stage && { key: "stage", label: stageLabel(query.stage), value: "stage" },
    query.attention && { key: "attention", label: ATTENTION[query.attention], value: "attention" },
    query.shop && {
      key: "shop",
      label: `TikTok shop: ${shops.find((shop) => shop.id === query.shop)?.name ?? query.shop}`,
      value: "shop",
    },
    query.currency && { key: "currency", label: `Currency: ${query.currency}`, value: "currency" },
    (query.from || query.to) && { key: "placed", label: placedLabel(query.from, query.to), value: "" },
  ]
    .filter((filter) => !!filter)
    .map(({ key, label }) => ({
      key,
      label,
      onRemove: () =>
        update(key === "placed" ? { from: undefined, to: undefined, tz: undefined } : { [key]: undefined }),
    }));

  return (
    <IndexFilters
      tabs={TABS.map((tab) => ({ ...tab, badge: String(counts[tab.id]), isLocked: true }))}
      selected={Math.max(
        0,
        TABS.findIndex((tab) => tab.id === query.tab),
      )}
      onSelect={(index) => update({ tab: TABS[index]?.id === "all" ? undefined : TABS[index]?.id })}
      queryValue={text}
      queryPlaceholder="Search by order ID, order name, buyer or SKU"
      onQueryChange={setText}
      onQueryClear={() => setText("")}
      filters={filters}
      appliedFilters={applied}
      onClearAll={() => {
        setText("");
        const cleared = ["reason", "stage", "attention", "shop", "currency", "q", "from", "to", "tz"].map(
          (key) => [key, undefined],
        );
        update(Object.fromEntries(cleared));
      }}
      mode={mode}
      setMode={setMode}
      loading={loading}
      canCreateNewView={false}
    />
  );
}
