import type { Isolation } from '../engine';

export interface ApplicationSettings {
  readonly isolation: Isolation;
  readonly dnsEgress: boolean;
}

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly defaultNamespace: string;
  readonly settings: ApplicationSettings;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
