import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme, for receivers:
 *   X-Timestamp: unix seconds when this attempt was sent
 *   X-Signature: sha256=<hex HMAC-SHA256(secret, `${X-Timestamp}.${raw body}`)>
 * The timestamp is inside the signed string, so a captured request cannot be replayed later with a fresh
 * timestamp; receivers should reject timestamps more than five minutes off and dedupe on X-Event-Id.
 * Compute the HMAC over the raw bytes received, before any JSON parsing.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(input.nowSeconds - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
