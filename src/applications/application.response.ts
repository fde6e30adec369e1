import type { Application, OwnedNamespace } from './application.model';
import type { NamespaceListing } from './namespaces.service';

export interface OwnedNamespaceResponse {
  namespace: string;
  shared: boolean;
  conflict: boolean;
  grantedAt: string;
}

export interface ApplicationResponse {
  name: string;
  displayName: string;
  description: string;
  defaultNamespace: string;
  ownedNamespaces: OwnedNamespaceResponse[];
  settings: { isolation: string; dnsEgress: boolean };
  createdAt: string;
  updatedAt: string;
}

export function toApplicationResponse(application: Application): ApplicationResponse {
  return {
    name: application.name,
    displayName: application.displayName,
    description: application.description,
    defaultNamespace: application.defaultNamespace,
    ownedNamespaces: application.ownedNamespaces.map(toOwnedNamespaceResponse),
    settings: { isolation: application.settings.isolation, dnsEgress: application.settings.dnsEgress },
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
  };
}

export function toApplicationListResponse(
  page: { items: Application[]; total: number },
  query: { limit: number; offset: number },
): { items: ApplicationResponse[]; total: number; limit: number; offset: number } {
  return { items: page.items.map(toApplicationResponse), total: page.total, ...query };
}

export function toOwnedNamespaceResponse(grant: OwnedNamespace): OwnedNamespaceResponse {
  return {
    namespace: grant.namespace,
    shared: grant.shared,
    conflict: grant.conflict,
    grantedAt: grant.grantedAt.toISOString(),
  };
}

export function toNamespaceListResponse(
  page: { items: NamespaceListing[]; total: number },
  query: { limit: number; offset: number },
) {
  return {
    items: page.items.map((entry) => ({
      namespace: entry.namespace,
      shared: entry.shared,
      reserved: entry.reserved,
      conflict: entry.conflict,
      owners: entry.owners.map((owner) => ({
        application: owner.application,
        conflict: owner.conflict,
        grantedAt: owner.grantedAt.toISOString(),
      })),
    })),
    total: page.total,
    ...query,
  };
}
