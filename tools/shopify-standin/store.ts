import { LeakyBucket, STANDARD_PLAN } from "./bucket";
import type { CreateShopInput } from "./control/input";
import type { CostModel } from "./cost";
import { Faults } from "./faults";
import type {
  FlowTriggerDefinition,
  FlowTriggerRecord,
  IdempotencyRecord,
  LineItemRecord,
  LocationRecord,
  OrderRecord,
  ProductRecord,
  RequestLogEntry,
  SubscriptionRecord,
  VariantRecord,
} from "./records";

export type * from "./records";

/** The in-memory state of every shop the stand-in serves, keyed by myshopify domain. */
export type Store = { shops: Map<string, ShopState> };

export type ShopState = {
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  tokens: Set<string>;
  acceptAnyToken: boolean;
  bucket: LeakyBucket;
  costModel: CostModel;
  stockRefusal: "documented" | "observed";
  locations: LocationRecord[];
  products: Map<number, ProductRecord>;
  variants: Map<number, VariantRecord>;
  orders: Map<number, OrderRecord>;
  subscriptions: SubscriptionRecord[];
  faults: Faults;
  requests: RequestLogEntry[];
  /** What `@idempotent` mutations did, by mutation and key ("refundCreate:<key>"). */
  idempotency: Map<string, IdempotencyRecord>;
  /** The app's Flow trigger runs `flowTriggerReceive` accepted, oldest first. */
  flowTriggers: FlowTriggerRecord[];
  /** The app's deployed Flow triggers, by handle; null: any handle and payload keys are taken. */
  flowTriggerDefinitions: Map<string, FlowTriggerDefinition> | null;
  nextId: number;
  nextOrderNumber: number;
};

export function createStore(): Store {
  return { shops: new Map() };
}

export function createShop(input: CreateShopInput): ShopState {
  const domain = input.domain.toLowerCase();
  const shop: ShopState = {
    domain,
    name: input.name ?? domain.replace(/\.myshopify\.com$/, ""),
    email: input.email ?? `owner@${domain}`,
    currencyCode: input.currencyCode ?? "USD",
    tokens: new Set(input.tokens ?? []),
    acceptAnyToken: input.acceptAnyToken ?? false,
    bucket: new LeakyBucket({ ...STANDARD_PLAN, ...input.bucket }),
    costModel: input.costModel ?? "documented",
    stockRefusal: input.stockRefusal ?? "documented",
    locations: [],
    products: new Map(),
    variants: new Map(),
    orders: new Map(),
    subscriptions: [],
    faults: new Faults(),
    requests: [],
    idempotency: new Map(),
    flowTriggers: [],
    flowTriggerDefinitions: null,
    nextId: 1,
    nextOrderNumber: 1001,
  };
  shop.locations = (input.locations ?? ["Shop location"]).map((name) => ({ id: nextId(shop), name }));
  return shop;
}

/** A new id, unique within the shop across every kind of record. */
export function nextId(shop: ShopState, wanted?: number): number {
  const id = wanted ?? shop.nextId;
  shop.nextId = Math.max(shop.nextId, id + 1);
  return id;
}

export function availableQuantity(variant: VariantRecord): number {
  let total = 0;
  for (const quantity of variant.inventory.values()) total += quantity;
  return total;
}

/** A line item's name as Shopify shows it: the title, and the variant's unless it is the default one. */
export function lineItemName(line: LineItemRecord): string {
  return line.variantTitle && line.variantTitle !== "Default Title"
    ? `${line.title} - ${line.variantTitle}`
    : line.title;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
