import type { ActionFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/lib/read-limited-body.server";
import { createReportDownload } from "~/pages/privacy-requests.server";
import { authenticateAdmin } from "~/shopify.server";

// Settings → Privacy requests' Download: a signed link to the report, which the page then opens.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return createReportDownload(session.shop, await readJsonBody(request));
};
