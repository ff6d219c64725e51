import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportOrdersCsv } from "~/pages/order-export.server";

// The Orders list as CSV, downloaded by a plain link: the link's signature stands in for the session token
// a download can't carry (createOrdersExport signs it).
export const loader = ({ request }: LoaderFunctionArgs) => exportOrdersCsv(new URL(request.url));
