import { useSearchParams } from "@remix-run/react";
import { Box, Pagination } from "@shopify/polaris";
import type { ListPosition } from "~/pages/orders.server";

const number = (n: number) => n.toLocaleString("en-US");

/** "51–72 of 72": where the page is in the filtered list. */
export function positionLabel({ start, end, past, total, totalAtLeast }: ListPosition): string {
  const of = `${number(total)}${totalAtLeast ? "+" : ""}`;
  if (start !== null && end !== null) return `${number(start)}–${number(end)} of ${of}`;
  if (past !== null) return `Past the first ${number(past)} of ${of}`;
  return total === 0 ? "No orders" : `${of} orders`;
}

type Props = { pageInfo: { next: string | null; previous: string | null }; position: ListPosition };

/** Previous and next, with the page's place in the list, under the table. */
export function OrdersPagination({ pageInfo, position }: Props) {
  const [, setSearchParams] = useSearchParams();
  const go = (key: "after" | "before", id: string | null) =>
    id &&
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      next.delete("after");
      next.delete("before");
      next.set(key, id);
      return next;
    });
  return (
    <Box borderBlockStartWidth="025" borderColor="border">
      <Pagination
        type="table"
        label={positionLabel(position)}
        hasPrevious={pageInfo.previous !== null}
        hasNext={pageInfo.next !== null}
        onPrevious={() => go("before", pageInfo.previous)}
        onNext={() => go("after", pageInfo.next)}
      />
    </Box>
  );
}
