import type { AdminClient } from "~/admin-api/admin-client.server";

export const ACTIVE_SUBSCRIPTIONS = `#graphql
  query ActiveSubscriptions {
    currentAppInstallation {
      activeSubscriptions {
        id
        name
        status
        test
      }
    }
  }
`;

export type Subscription = { id: string; name: string; status: string; test: boolean };

export async function getActiveSubscriptions(client: AdminClient): Promise<Subscription[]> {
  const data = await client.request<{ currentAppInstallation: { activeSubscriptions: Subscription[] } }>(
    ACTIVE_SUBSCRIPTIONS,
  );
  return data.currentAppInstallation.activeSubscriptions;
}
