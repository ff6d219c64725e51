/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type ActiveSubscriptionsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ActiveSubscriptionsQuery = { currentAppInstallation: { activeSubscriptions: Array<Pick<AdminTypes.AppSubscription, 'id' | 'name' | 'status' | 'test'>> } };

export type FlowTriggerReceiveMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type FlowTriggerReceiveMutation = { flowTriggerReceive: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrdersFulfillmentsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type OrdersFulfillmentsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { fulfillments: Array<(
      Pick<AdminTypes.Fulfillment, 'id' | 'name' | 'status' | 'updatedAt'>
      & { trackingInfo: Array<Pick<AdminTypes.FulfillmentTrackingInfo, 'company' | 'number'>>, fulfillmentLineItems: { nodes: Array<(
          Pick<AdminTypes.FulfillmentLineItem, 'quantity'>
          & { lineItem: (
            Pick<AdminTypes.LineItem, 'sku'>
            & { variant: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
          ) }
        )> } }
    )> }
  )>> };

export type OrderFulfillmentOrdersQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderFulfillmentOrdersQuery = { order: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id'>
    & { fulfillmentOrders: { nodes: Array<(
        Pick<AdminTypes.FulfillmentOrder, 'id' | 'status'>
        & { lineItems: { nodes: Array<(
            Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'remainingQuantity'>
            & { lineItem: (
              Pick<AdminTypes.LineItem, 'sku'>
              & { variant: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
            ) }
          )> } }
      )> } }
  )> };

export type FulfillmentCreateMutationVariables = AdminTypes.Exact<{
  fulfillment: AdminTypes.FulfillmentInput;
}>;


export type FulfillmentCreateMutation = { fulfillmentCreate: AdminTypes.Maybe<{ fulfillment: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'name'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrderCreateMutationVariables = AdminTypes.Exact<{
  order: AdminTypes.OrderCreateOrderInput;
  options?: AdminTypes.InputMaybe<AdminTypes.OrderCreateOptionsInput>;
}>;


export type OrderCreateMutation = { orderCreate: AdminTypes.Maybe<{ order: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'name'>>, userErrors: Array<Pick<AdminTypes.OrderCreateUserError, 'field' | 'message' | 'code'>> }> };

export type OrderCancelMutationVariables = AdminTypes.Exact<{
  orderId: AdminTypes.Scalars['ID']['input'];
  reason: AdminTypes.OrderCancelReason;
  restock: AdminTypes.Scalars['Boolean']['input'];
  notifyCustomer?: AdminTypes.InputMaybe<AdminTypes.Scalars['Boolean']['input']>;
  staffNote?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type OrderCancelMutation = { orderCancel: AdminTypes.Maybe<{ job: AdminTypes.Maybe<Pick<AdminTypes.Job, 'id'>>, orderCancelUserErrors: Array<Pick<AdminTypes.OrderCancelUserError, 'field' | 'message' | 'code'>> }> };

export type OrderUpdateShippingAddressMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.OrderInput;
}>;


export type OrderUpdateShippingAddressMutation = { orderUpdate: AdminTypes.Maybe<{ order: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrderTagsQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderTagsQuery = { order: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'tags'>> };

export type OrdersBySourceIdentifierQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type OrdersBySourceIdentifierQuery = { orders: { nodes: Array<Pick<AdminTypes.Order, 'id' | 'name' | 'sourceIdentifier' | 'cancelledAt'>> } };

export type OrderPaymentStateQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderPaymentStateQuery = { order: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'displayFinancialStatus' | 'cancelledAt'>
    & { totalOutstandingSet: { presentmentMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
  )> };

export type OrderCreateManualPaymentMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  amount?: AdminTypes.InputMaybe<AdminTypes.MoneyInput>;
  paymentMethodName?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  processedAt?: AdminTypes.InputMaybe<AdminTypes.Scalars['DateTime']['input']>;
}>;


export type OrderCreateManualPaymentMutation = { orderCreateManualPayment: AdminTypes.Maybe<{ order: AdminTypes.Maybe<Pick<AdminTypes.Order, 'id' | 'displayFinancialStatus'>>, userErrors: Array<Pick<AdminTypes.OrderCreateManualPaymentOrderCreateManualPaymentError, 'field' | 'message' | 'code'>> }> };

export type OrderRefundableQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type OrderRefundableQuery = { order: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'presentmentCurrencyCode'>
    & { lineItems: { nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'sku' | 'refundableQuantity'>
        & { variant: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
      )> }, transactions: Array<Pick<AdminTypes.OrderTransaction, 'id' | 'kind' | 'status' | 'gateway'>>, refunds: Array<Pick<AdminTypes.Refund, 'id' | 'note'>> }
  )> };

export type RefundCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.RefundInput;
  key: AdminTypes.Scalars['String']['input'];
}>;


export type RefundCreateMutation = { refundCreate: AdminTypes.Maybe<{ refund: AdminTypes.Maybe<Pick<AdminTypes.Refund, 'id'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type ShopCurrencyQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopCurrencyQuery = { shop: Pick<AdminTypes.Shop, 'currencyCode'> };

export type VariantsByIdQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type VariantsByIdQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'title' | 'displayName' | 'inventoryPolicy' | 'inventoryQuantity'>
    & { product: Pick<AdminTypes.Product, 'id' | 'title'> }
  )>> };

export type VariantSearchQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  first: AdminTypes.Scalars['Int']['input'];
}>;


export type VariantSearchQuery = { productVariants: { nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'sku' | 'title' | 'displayName'>
      & { product: Pick<AdminTypes.Product, 'id' | 'title'> }
    )> } };

interface GeneratedQueryTypes {
  "#graphql\n  query ActiveSubscriptions {\n    currentAppInstallation {\n      activeSubscriptions {\n        id\n        name\n        status\n        test\n      }\n    }\n  }\n": {return: ActiveSubscriptionsQuery, variables: ActiveSubscriptionsQueryVariables},
  "#graphql\n  query OrdersFulfillments($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on Order {\n        id\n        fulfillments(first: 10) {\n          id\n          name\n          status\n          updatedAt\n          trackingInfo(first: 1) {\n            company\n            number\n          }\n          fulfillmentLineItems(first: 20) {\n            nodes {\n              quantity\n              lineItem {\n                sku\n                variant {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrdersFulfillmentsQuery, variables: OrdersFulfillmentsQueryVariables},
  "#graphql\n  query OrderFulfillmentOrders($id: ID!) {\n    order(id: $id) {\n      id\n      fulfillmentOrders(first: 5) {\n        nodes {\n          id\n          status\n          lineItems(first: 50) {\n            nodes {\n              id\n              remainingQuantity\n              lineItem {\n                sku\n                variant {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: OrderFulfillmentOrdersQuery, variables: OrderFulfillmentOrdersQueryVariables},
  "#graphql\n  query OrderTags($id: ID!) {\n    order(id: $id) {\n      id\n      tags\n    }\n  }\n": {return: OrderTagsQuery, variables: OrderTagsQueryVariables},
  "#graphql\n  query OrdersBySourceIdentifier($query: String!) {\n    orders(first: 5, query: $query) {\n      nodes {\n        id\n        name\n        sourceIdentifier\n        cancelledAt\n      }\n    }\n  }\n": {return: OrdersBySourceIdentifierQuery, variables: OrdersBySourceIdentifierQueryVariables},
  "#graphql\n  query OrderPaymentState($id: ID!) {\n    order(id: $id) {\n      id\n      displayFinancialStatus\n      cancelledAt\n      totalOutstandingSet {\n        presentmentMoney {\n          amount\n          currencyCode\n        }\n      }\n    }\n  }\n": {return: OrderPaymentStateQuery, variables: OrderPaymentStateQueryVariables},
  "#graphql\n  query OrderRefundable($id: ID!) {\n    order(id: $id) {\n      id\n      presentmentCurrencyCode\n      lineItems(first: 100) {\n        nodes {\n          id\n          sku\n          refundableQuantity\n          variant {\n            id\n          }\n        }\n      }\n      transactions(first: 20) {\n        id\n        kind\n        status\n        gateway\n      }\n      refunds(first: 50) {\n        id\n        note\n      }\n    }\n  }\n": {return: OrderRefundableQuery, variables: OrderRefundableQueryVariables},
  "#graphql\n  query ShopCurrency {\n    shop {\n      currencyCode\n    }\n  }\n": {return: ShopCurrencyQuery, variables: ShopCurrencyQueryVariables},
  "#graphql\n  query VariantsById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on ProductVariant {\n        id\n        sku\n        title\n        displayName\n        inventoryPolicy\n        inventoryQuantity\n        product {\n          id\n          title\n        }\n      }\n    }\n  }\n": {return: VariantsByIdQuery, variables: VariantsByIdQueryVariables},
  "#graphql\n  query VariantSearch($query: String!, $first: Int!) {\n    productVariants(first: $first, query: $query) {\n      nodes {\n        id\n        sku\n        title\n        displayName\n        product {\n          id\n          title\n        }\n      }\n    }\n  }\n": {return: VariantSearchQuery, variables: VariantSearchQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {\n    flowTriggerReceive(handle: $handle, payload: $payload) {\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FlowTriggerReceiveMutation, variables: FlowTriggerReceiveMutationVariables},
  "#graphql\n  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {\n    fulfillmentCreate(fulfillment: $fulfillment) {\n      fulfillment {\n        id\n        name\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: FulfillmentCreateMutation, variables: FulfillmentCreateMutationVariables},
  "#graphql\n  mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {\n    orderCreate(order: $order, options: $options) {\n      order {\n        id\n        name\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: OrderCreateMutation, variables: OrderCreateMutationVariables},
  "#graphql\n  mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {\n    orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refund: false, staffNote: $staffNote) {\n      job {\n        id\n      }\n      orderCancelUserErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: OrderCancelMutation, variables: OrderCancelMutationVariables},
  "#graphql\n  mutation OrderUpdateShippingAddress($input: OrderInput!) {\n    orderUpdate(input: $input) {\n      order {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: OrderUpdateShippingAddressMutation, variables: OrderUpdateShippingAddressMutationVariables},
  "#graphql\n  mutation OrderCreateManualPayment($id: ID!, $amount: MoneyInput, $paymentMethodName: String, $processedAt: DateTime) {\n    orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName, processedAt: $processedAt) {\n      order {\n        id\n        displayFinancialStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": {return: OrderCreateManualPaymentMutation, variables: OrderCreateManualPaymentMutationVariables},
  "#graphql\n  mutation RefundCreate($input: RefundInput!, $key: String!) {\n    refundCreate(input: $input) @idempotent(key: $key) {\n      refund {\n        id\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: RefundCreateMutation, variables: RefundCreateMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
