import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every secret we issue starts with this, so scanners (and people) recognise a leaked one. */
export const TOKEN_PREFIX = 'fp_';
/** 32 random bytes: 256 bits, far above the 128 bits that make guessing hopeless. */
const SECRET_BYTES = 32;
/** Characters of the secret kept in the clear, to tell tokens apart in lists. */
export const DISPLAY_PREFIX_LENGTH = 8;

/** A new secret: `fp_` and 32 random bytes in base64url (43 characters). */
export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * sha256 (hex) of a secret: what the database keeps. A fast hash suffices for 256-bit secrets. Every
 * request hashes its token: the one-shot `hash` spares the Hash object createHash makes each time.
 */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/**
 * Whether a stored hash is the hash of the presented secret, in constant time. Tokens are found
 * by their hash (an index lookup on a hash of a high-entropy secret leaks nothing usable: learning
 * that some hash prefix exists does not help find a preimage), and this comparison then confirms
 * the match without a data-dependent early exit, so no code path compares secrets byte by byte.
 */
export function hashesMatch(storedHex: string, presentedHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const presented = Buffer.from(presentedHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
