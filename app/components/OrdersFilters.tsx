import { useSearchParams } from "@remix-run/react";
import { ChoiceList, IndexFilters, useSetIndexFiltersMode } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { describeReason, REASON_CODES, type ReasonCode } from "~/sync/reasons";
import { STAGES } from "~/sync/stages";
import { stageLabel } from "./reason-view";

export const TABS = [
  { id: "all", content: "All" },
  { id: "blocked", content: "Blocked" },
  { id: "failed", content: "Failed" },
  { id: "pending", content: "Pending" },
  { id: "synced", content: "Synced" },
] as const;
type TabId = (typeof TABS)[number]["id"];

type Props = {
  query: { tab: TabId; reason?: ReasonCode; stage?: number; q?: string };
  counts: Record<TabId, number>;
  loading: boolean;
};

const reasonChoices = REASON_CODES.map((code) => ({ label: describeReason(code).title, value: code }));
const stageChoices = STAGES.map(({ stage }) => ({ label: stageLabel(stage), value: String(stage) }));

/** Status tabs with counts, the reason and stage filters and the search by TikTok order id, kept in the URL. */
export function OrdersFilters({ query, counts, loading }: Props) {
  const [, setSearchParams] = useSearchParams();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [text, setText] = useState(query.q ?? "");

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
    if (text === (query.q ?? "")) return;
    const timer = setTimeout(() => update({ q: text.trim() || undefined }), 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `update` is rebuilt each render; the text decides.
  }, [text]);

  const filters = [
    {
      key: "reason",
      label: "Reason",
      filter: (
        <ChoiceList
          title="Reason"
          titleHidden
          choices={reasonChoices}
          selected={query.reason ? [query.reason] : []}
          onChange={([value]) => update({ reason: value })}
        />
      ),
    },
    {
      key: "stage",
      label: "Stage",
      filter: (
        <ChoiceList
          title="Stage"
          titleHidden
          choices={stageChoices}
          selected={query.stage ? [String(query.stage)] : []}
          onChange={([value]) => update({ stage: value })}
        />
      ),
    },
  ];
  const reason = query.reason;
  const applied = [
    ...(reason
      ? [
          {
            key: "reason",
            label: `Reason: ${describeReason(reason).title}`,
            onRemove: () => update({ reason: undefined }),
          },
        ]
      : []),
    ...(query.stage
      ? [{ key: "stage", label: stageLabel(query.stage), onRemove: () => update({ stage: undefined }) }]
      : []),
  ];

  return (
    <IndexFilters
      tabs={TABS.map((tab) => ({ ...tab, badge: String(counts[tab.id]), isLocked: true }))}
      selected={Math.max(
        0,
        TABS.findIndex((tab) => tab.id === query.tab),
      )}
      onSelect={(index) => update({ tab: TABS[index]?.id === "all" ? undefined : TABS[index]?.id })}
      queryValue={text}
      queryPlaceholder="Search by TikTok order ID"
      onQueryChange={setText}
      onQueryClear={() => setText("")}
      filters={filters}
      appliedFilters={applied}
      onClearAll={() => {
        setText("");
        update({ reason: undefined, stage: undefined, q: undefined });
      }}
      mode={mode}
      setMode={setMode}
      loading={loading}
      canCreateNewView={false}
    />
  );
}
