import type { Application } from './application.model';

export interface ApplicationResponse {
  name: string;
  displayName: string;
  description: string;
  defaultNamespace: string;
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
