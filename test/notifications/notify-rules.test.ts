import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../matching/notifications/deliver-webhook.ts';
import { notificationTypeOf } from '../../matching/notifications/notify-events.ts';
import { signWebhook, verifyWebhookSignature } from '../../matching/notifications/webhook-signature.ts';

describe('which suggestion events reach the parties', () => {
  const type = (t: string, fromStage: string | null, toStage: string | null) =>
    notificationTypeOf({ type: t, fromStage, toStage });

  it('notifies acceptance and moves along the conversion chain', () => {
    expect(type('accepted', 'claimed', 'accepted')).toBe('suggestion.accepted');
    expect(type('stage_changed', 'accepted', 'contacted')).toBe('suggestion.stage_changed');
    expect(type('stage_changed', 'pilot', 'deal')).toBe('suggestion.stage_changed');
    expect(type('stage_changed', 'poc', 'failed')).toBe('suggestion.stage_changed');
  });

  it('keeps routing, claims, declines and pre-acceptance withdrawals internal', () => {
    expect(type('routed', 'suggested', 'routed')).toBeNull();
    expect(type('claimed', 'routed', 'claimed')).toBeNull();
    expect(type('declined', 'claimed', 'declined')).toBeNull();
    expect(type('withdrawn', 'routed', 'withdrawn')).toBeNull();
    expect(type('escalated', 'claimed', 'claimed')).toBeNull();
  });
});

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"type":"suggestion.accepted","data":{"title":"液冷板"}}';
  const now = 1_800_000_000;

  it('is sha256=HMAC over "timestamp.body" and verifies only the exact body, timestamp and secret', () => {
    const signature = signWebhook(secret, now, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const ok = { secret, timestamp: String(now), signature, body, nowSeconds: now + 10 };
    expect(verifyWebhookSignature(ok)).toBe(true);
    expect(verifyWebhookSignature({ ...ok, body: body.replace('液冷板', '散热器') })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, secret: 'whsec_other' })).toBe(false);
    // Replaying the body under a fresh timestamp fails: the timestamp is part of what was signed.
    expect(verifyWebhookSignature({ ...ok, timestamp: String(now + 60) })).toBe(false);
    // A captured request replayed much later is stale.
    expect(verifyWebhookSignature({ ...ok, nowSeconds: now + 3600 })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: undefined })).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, 500, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, () => 1)).toBe(4000);
    expect(backoffDelay(20, 500, () => 1)).toBe(30_000);
  });
});
