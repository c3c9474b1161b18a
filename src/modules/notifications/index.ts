// Notifications: in-app messages (read over HTTP, pushed live over SSE) and outbound
// channels (SMS, WeChat). Other modules notify inside their own transaction.
export {
  /** Writes in-app notifications in the caller's transaction; live streams wake when it commits. */
  notifyUsers,
  type NotificationInput,
} from './service.ts';
export {
  /** Queues a message for an outbound channel in the caller's transaction, with its delivery record (recipient masked, encrypted in the job). */
  queueChannelMessage,
} from './deliveries.ts';
/** The message kinds the outbound channels can send, with their variables. */
export { messageKinds, type MessageKind } from './message-kinds.ts';
export {
  /** Replaces a channel's implementation (a deployment's SMS gateway or WeChat account). */
  registerChannel,
  /** A channel that only logs what it would send (the default). */
  loggingChannel,
  /** Masks a phone number or openid for logs and delivery records. */
  maskRecipient,
  /** A send a provider refused (permanent when another try cannot help). */
  ChannelError,
  type ChannelMessage,
  type ChannelName,
  type NotificationChannel,
} from './channels.ts';
