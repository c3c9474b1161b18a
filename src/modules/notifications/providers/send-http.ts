// What every provider adapter shares: the result and error of a send, and a JSON request
// with a time limit.

/** What a provider said when it accepted a message. */
export interface SendResult {
  /** The provider's id of the message (Alibaba BizId, Tencent SerialNo, WeChat msgid). */
  providerMessageId?: string | undefined;
}

/**
 * A send the provider refused. `permanent` when trying again cannot help (a bad number, a
 * user who refused the subscription, a missing template): the delivery fails at once.
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

/** Sends a request and reads a JSON answer; a network failure or a non-JSON answer is a (retryable) ChannelError. */
export async function requestJson(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new ChannelError(`request to ${new URL(url).host} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new ChannelError(`${new URL(url).host} answered ${response.status} without JSON`);
  }
}
