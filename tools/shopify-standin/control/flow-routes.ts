import { flowTriggerDefinitionsInput } from "./input";
import { parseBody, SHOP_PATH, shopOf, type Route } from "./routing";
import { flowTriggerSnapshot } from "./views";

const at = (suffix: string) => new RegExp(`^${SHOP_PATH}${suffix}$`);

/** The app's Flow trigger runs a shop received, and the triggers the app has deployed. */
export const FLOW_ROUTES: Route[] = [
  [
    "GET",
    at("/flow-triggers"),
    (store, [domain]) => shopOf(store, domain).flowTriggers.map(flowTriggerSnapshot),
  ],
  [
    "DELETE",
    at("/flow-triggers"),
    (store, [domain]) => ((shopOf(store, domain).flowTriggers.length = 0), { ok: true }),
  ],
  [
    "PUT",
    at("/flow-trigger-definitions"),
    async (store, [domain], body) => {
      const shop = shopOf(store, domain);
      const { definitions } = await parseBody(flowTriggerDefinitionsInput, body);
      shop.flowTriggerDefinitions = new Map(definitions.map((definition) => [definition.handle, definition]));
      return { definitions };
    },
  ],
  [
    "DELETE",
    at("/flow-trigger-definitions"),
    (store, [domain]) => ((shopOf(store, domain).flowTriggerDefinitions = null), { ok: true }),
  ],
];
