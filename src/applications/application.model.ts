import type { Isolation } from '../engine';

export interface ApplicationSettings {
  readonly isolation: Isolation;
  readonly dnsEgress: boolean;
}

/** A namespace the application owns: its components live there, its policies land there. */
export interface OwnedNamespace {
  readonly namespace: string;
  /** An admin allowed other applications to own it too. */
  readonly shared: boolean;
  /**
   * The migration that introduced ownership found it used by several applications (or reserved):
   * it keeps working until an admin confirms the grant (PUT) or revokes it.
   */
  readonly conflict: boolean;
  readonly grantedAt: Date;
}

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** Always one of ownedNamespaces. */
  readonly defaultNamespace: string;
  /** In name order. */
  readonly ownedNamespaces: readonly OwnedNamespace[];
  readonly settings: ApplicationSettings;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
