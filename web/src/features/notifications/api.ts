// Typed calls of the outbound deliveries (SMS, WeChat), in the notifications contract's shapes.
import type { DeliveryQuery, DeliveryView } from '#server/modules/notifications/contract.ts';
import { request, type Paged } from '../../platform/api-client.ts';
import type { Json } from '../../platform/json.ts';

export { deliveryChannelValues, deliveryStatusValues } from '#server/modules/notifications/contract.ts';

export type Delivery = Json<DeliveryView>;
export type DeliveryStatus = Delivery['status'];

export const notificationsApi = {
  deliveries: (query: Json<DeliveryQuery>, signal?: AbortSignal) => request<Paged<Delivery>>('GET', '/api/notifications/deliveries', { query: { ...query }, signal }),
};
