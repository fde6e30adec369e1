import type { Role } from '../common/access/roles';

/** A stored token, without its secret (only the hash is kept, and it never leaves the repository). */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Application names the token may touch; empty means all. */
  readonly applications: readonly string[];
  /** The secret's first 8 characters, for display. */
  readonly prefix: string;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

/** A token just created: its secret, shown this once. */
export interface IssuedToken {
  readonly token: ApiToken;
  readonly secret: string;
}
