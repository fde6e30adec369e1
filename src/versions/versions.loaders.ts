import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { loaderOfLists, RequestLoaders } from '../common/graphql/request-loaders';
import type { Channel, PolicyVersion } from './version.model';
import { VersionsRepository } from './versions.repository';

export interface VersionLoaders {
  /** The latest version per application id (undefined when none is published). */
  readonly latest: DataLoader<string, PolicyVersion | undefined>;
  readonly channels: DataLoader<string, Channel[]>;
  /** One loader per page shape, so `versions(limit: 5)` on many applications is one query. */
  versions(page: { limit: number; offset: number }): DataLoader<string, PolicyVersion[]>;
}

/** Per-request DataLoaders of an application's versions and channels, keyed by application id. */
@Injectable()
export class VersionLoadersFactory extends RequestLoaders<VersionLoaders> {
  constructor(private readonly versions: VersionsRepository) {
    super();
  }

  protected create(): VersionLoaders {
    const pages = new Map<string, DataLoader<string, PolicyVersion[]>>();
    return {
      latest: new DataLoader(async (ids) => {
        const found = await this.versions.latestOf(ids);
        return ids.map((id) => found.get(id));
      }),
      channels: loaderOfLists((ids) => this.versions.channelsOf(ids)),
      versions: (page) => {
        const key = `${page.limit}:${page.offset}`;
        let loader = pages.get(key);
        if (!loader) {
          loader = loaderOfLists((ids) => this.versions.versionsOf(ids, page));
          pages.set(key, loader);
        }
        return loader;
      },
    };
  }
}
