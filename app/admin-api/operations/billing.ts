import type { AdminClient } from "~/admin-api/admin-client.server";
import type { ActiveSubscriptionsQuery } from "~/types/admin.generated";

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

export type Subscription = ActiveSubscriptionsQuery["currentAppInstallation"]["activeSubscriptions"][number];

export async function getActiveSubscriptions(client: AdminClient): Promise<Subscription[]> {
  const data = await client.request<ActiveSubscriptionsQuery>(ACTIVE_SUBSCRIPTIONS);
  return data.currentAppInstallation.activeSubscriptions;
}
