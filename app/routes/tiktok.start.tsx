import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TikTokConnectProblem } from "~/components/TikTokConnectProblem";
import { connectCookie } from "~/tiktok/connect-cookie.server";
import { openTikTokAuthorization } from "~/tiktok/oauth.server";

// Connect's top-level hop, outside the admin's iframe (where a cookie would be a third-party one): the
// ticket from Settings is redeemed once, this browser is bound to the authorization by a cookie, and the
// merchant goes on to TikTok's authorization page.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const opened = await openTikTokAuthorization(new URL(request.url).searchParams.get("ticket"));
  const headers = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
  if (!opened.ok) return data({ message: opened.message }, { status: opened.status, headers });
  const cookie = await connectCookie.serialize(opened.browserKey, { expires: opened.expiresAt });
  return redirect(opened.authorizeUrl, { headers: { ...headers, "Set-Cookie": cookie } });
};

export const meta: MetaFunction = () => [{ title: "Connecting TikTok Shop" }];

export default function TikTokStart() {
  const { message } = useLoaderData<typeof loader>();
  return <TikTokConnectProblem message={message} />;
}
