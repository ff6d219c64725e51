import { ACTIVE_SUBSCRIPTIONS } from "./billing";
import {
  ORDER_CANCEL,
  ORDER_CREATE,
  ORDER_TAGS,
  ORDER_UPDATE_SHIPPING_ADDRESS,
  ORDERS_BY_SOURCE_IDENTIFIER,
} from "./orders";
import { VARIANT_SEARCH, VARIANTS_BY_ID } from "./variants";

/** Every GraphQL document the app sends, so one test validates them all against the pinned schema. */
export const ADMIN_DOCUMENTS = {
  ORDER_CREATE,
  ORDER_CANCEL,
  ORDER_UPDATE_SHIPPING_ADDRESS,
  ORDER_TAGS,
  ORDERS_BY_SOURCE_IDENTIFIER,
  VARIANTS_BY_ID,
  VARIANT_SEARCH,
  ACTIVE_SUBSCRIPTIONS,
};
