import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { loaderOfLists, RequestLoaders } from '../common/graphql/request-loaders';
import type { Component, External } from '../engine';
import type { StoredFlow } from './topology.model';
import { TopologyRepository } from './topology.repository';

export interface TopologyLoaders {
  readonly components: DataLoader<string, Component[]>;
  readonly externals: DataLoader<string, External[]>;
  readonly flows: DataLoader<string, StoredFlow[]>;
}

/** Per-request DataLoaders of an application's components, externals and flows, keyed by application id. */
@Injectable()
export class TopologyLoadersFactory extends RequestLoaders<TopologyLoaders> {
  constructor(private readonly topology: TopologyRepository) {
    super();
  }

  protected create(): TopologyLoaders {
    return {
      components: loaderOfLists((ids) => this.topology.componentsOf(ids)),
      externals: loaderOfLists((ids) => this.topology.externalsOf(ids)),
      flows: loaderOfLists((ids) => this.topology.flowsOf(ids)),
    };
  }
}
