import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDataReport } from "~/pages/privacy-requests.server";

// A customer data report, downloaded once by a plain link: the link's signature stands in for the session
// token a download can't carry (createReportDownload signs it).
export const loader = ({ request }: LoaderFunctionArgs) => downloadDataReport(new URL(request.url));
