import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Component, External } from '../engine';
import type { StoredFlow } from './topology.model';
import { TopologyRepository } from './topology.repository';

export interface TopologyLoaders {
  readonly components: DataLoader<string, Component[]>;
  readonly externals: DataLoader<string, External[]>;
  readonly flows: DataLoader<string, StoredFlow[]>;
}

/**
 * Per-request DataLoaders keyed by application id, so a portal query for many applications with
 * their components, externals and flows costs one SQL query per relation, not one per application.
 */
@Injectable()
export class TopologyLoadersFactory {
  constructor(private readonly topology: TopologyRepository) {}

  create(): TopologyLoaders {
    return {
      components: batched((ids) => this.topology.componentsOf(ids)),
      externals: batched((ids) => this.topology.externalsOf(ids)),
      flows: batched((ids) => this.topology.flowsOf(ids)),
    };
  }
}

function batched<T>(load: (ids: readonly string[]) => Promise<Map<string, T[]>>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = await load(ids);
    return ids.map((id) => groups.get(id) ?? []);
  });
}
