import type { Component, External, Flow, Topology } from '../engine';

/** A stored flow always has its id. */
export type StoredFlow = Flow & { readonly id: string };

/** An application's topology as stored: engine types, flows with their ids. */
export interface StoredTopology {
  readonly components: readonly Component[];
  readonly externals: readonly External[];
  readonly flows: readonly StoredFlow[];
}

export function toEngineTopology(name: string, topology: StoredTopology, settings: Topology['settings']): Topology {
  return { name, components: topology.components, externals: topology.externals, flows: topology.flows, settings };
}
