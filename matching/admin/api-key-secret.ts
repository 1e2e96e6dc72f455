import { createHash, randomBytes } from 'node:crypto';

/** `cak_` marks our keys in logs and secret scanners; 32 random bytes make guessing pointless. */
export const keyPrefix = 'cak_';

export function generateKeySecret(): string {
  return `${keyPrefix}${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored; a fast hash is right for high-entropy random keys (no dictionary to attack). */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const displayPrefix = (secret: string) => secret.slice(0, keyPrefix.length + 6);
