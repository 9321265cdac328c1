import type { SmsRepository } from '../repositories/sms.repository.ts';

export interface OutgoingSms {
  /** Our message id; sent to the provider as the idempotency key so a resend after a crash is not a second SMS. */
  messageId: number;
  phone: string;
  phoneMasked: string;
  body: string;
}

/** An SMS provider. `send` throws when the provider is unreachable or refuses; the job retries. */
export interface SmsGateway {
  readonly name: string;
  send(sms: OutgoingSms): Promise<{ providerMessageId: string }>;
}

/** Development gateway: "delivers" into a table the console shows, once per message id. */
export class DevSmsGateway implements SmsGateway {
  readonly name = 'dev';
  constructor(private readonly sms: SmsRepository) {}

  async send(m: OutgoingSms) {
    await this.sms.devDeliver(m.messageId, m.phoneMasked, m.body);
    return { providerMessageId: `dev-${m.messageId}` };
  }
}

/**
 * A generic HTTP provider: POST {id, to, text} as JSON with `Idempotency-Key: hcp-<id>` and an optional
 * bearer token; any 2xx with an optional {messageId} in the body is accepted.
 */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(m: OutgoingSms) {
    const res = await this.fetchImpl(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `hcp-${m.messageId}`,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ id: `hcp-${m.messageId}`, to: m.phone, text: m.body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { messageId?: unknown };
    return { providerMessageId: typeof body.messageId === 'string' ? body.messageId : `hcp-${m.messageId}` };
  }
}
