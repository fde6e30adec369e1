import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Channel, PolicyVersion } from './version.model';
import { VersionsRepository } from './versions.repository';

export interface VersionLoaders {
  /** The latest version per application id (undefined when none is published). */
  readonly latest: DataLoader<string, PolicyVersion | undefined>;
  readonly channels: DataLoader<string, Channel[]>;
  /** One loader per page shape, so `versions(limit: 5)` on many applications is one query. */
  versions(page: { limit: number; offset: number }): DataLoader<string, PolicyVersion[]>;
}

/**
 * Per-request DataLoaders keyed by application id, like TopologyLoadersFactory. They hang off the
 * GraphQL context object itself (a WeakMap entry), so the GraphQL module's context factory needs no
 * knowledge of this feature and they are dropped with the request.
 */
@Injectable()
export class VersionLoadersFactory {
  private readonly perRequest = new WeakMap<object, VersionLoaders>();

  constructor(private readonly versions: VersionsRepository) {}

  for(context: object): VersionLoaders {
    let loaders = this.perRequest.get(context);
    if (!loaders) {
      loaders = this.create();
      this.perRequest.set(context, loaders);
    }
    return loaders;
  }

  private create(): VersionLoaders {
    const pages = new Map<string, DataLoader<string, PolicyVersion[]>>();
    return {
      latest: new DataLoader(async (ids) => {
        const found = await this.versions.latestOf(ids);
        return ids.map((id) => found.get(id));
      }),
      channels: new DataLoader(async (ids) => {
        const groups = await this.versions.channelsOf(ids);
        return ids.map((id) => groups.get(id) ?? []);
      }),
      versions: (page) => {
        const key = `${page.limit}:${page.offset}`;
        let loader = pages.get(key);
        if (!loader) {
          loader = new DataLoader(async (ids) => {
            const groups = await this.versions.versionsOf(ids, page);
            return ids.map((id) => groups.get(id) ?? []);
          });
          pages.set(key, loader);
        }
        return loader;
      },
    };
  }
}
