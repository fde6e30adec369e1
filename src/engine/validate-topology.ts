/**
 * Cross-reference checks of a topology: what no single field's syntax can tell. Field syntax
 * (labels, port ranges, CIDRs) is checked where the document is parsed; this pass checks that the
 * pieces fit together, and names each offending field by its path in the document.
 *
 * Names of components and externals are checked here too, whatever parsed them: they key the
 * document (a flow names its ends by them, the topology is read back and written again by them), so
 * every way into a topology (the REST document, one component or external at a time over REST or
 * GraphQL, the CLI) must hold them to the same rule, and this is the pass they all go through.
 */
import { cidrContains, dns1123LabelError } from './k8s-syntax';
import type { Component, Flow, FlowPeer, Topology } from './topology';

export type TopologyIssueCode =
  | 'topology/invalid_name'
  | 'topology/duplicate_name'
  | 'topology/duplicate_port'
  | 'external/except_outside_cidr'
  | 'flow/unknown_component'
  | 'flow/unknown_external'
  | 'flow/unknown_port'
  | 'flow/invalid_peers';

export interface TopologyIssue {
  readonly code: TopologyIssueCode;
  /** Path of the offending field, e.g. `flows[2].to.component`. */
  readonly field: string;
  readonly message: string;
}

export function validateTopology(topology: Omit<Topology, 'name'>): TopologyIssue[] {
  return [
    ...invalidNames(topology.components, 'components'),
    ...invalidNames(topology.externals, 'externals'),
    ...duplicateNames(topology.components, 'components'),
    ...duplicateNames(topology.externals, 'externals'),
    ...topology.components.flatMap(componentPortIssues),
    ...topology.externals.flatMap((external, i) =>
      external.except
        .map((range, j) => ({ range, j }))
        .filter(({ range }) => !cidrContains(external.cidr, range))
        .map(({ range, j }) => ({
          code: 'external/except_outside_cidr' as const,
          field: `externals[${i}].except[${j}]`,
          message: `except range ${range} is not inside ${external.cidr}`,
        })),
    ),
    ...flowsIssues(topology),
  ];
}

/** Names looked up once per topology (the first of duplicates wins, as a search in order would). */
interface Index {
  readonly components: ReadonlyMap<string, Component>;
  readonly externals: ReadonlySet<string>;
}

function flowsIssues(topology: Omit<Topology, 'name'>): TopologyIssue[] {
  const components = new Map<string, Component>();
  for (const c of topology.components) if (!components.has(c.name)) components.set(c.name, c);
  const index: Index = { components, externals: new Set(topology.externals.map((e) => e.name)) };
  return topology.flows.flatMap((flow, i) => flowIssues(index, flow, `flows[${i}]`));
}

/** Kubernetes object-name syntax: a component's name becomes part of its policy's name. */
function invalidNames(items: readonly { name: string }[], collection: string): TopologyIssue[] {
  return items.flatMap((item, i) => {
    const error = dns1123LabelError(item.name);
    return error === null
      ? []
      : [{ code: 'topology/invalid_name' as const, field: `${collection}[${i}].name`, message: error }];
  });
}

function duplicateNames(items: readonly { name: string }[], collection: string): TopologyIssue[] {
  const seen = new Set<string>();
  const issues: TopologyIssue[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.name)) {
      issues.push({
        code: 'topology/duplicate_name',
        field: `${collection}[${i}].name`,
        message: `${collection.slice(0, -1)} name "${item.name}" is used more than once`,
      });
    }
    seen.add(item.name);
  });
  return issues;
}

function componentPortIssues(component: Component, index: number): TopologyIssue[] {
  const names = new Set<string>();
  const numbers = new Set<string>();
  const issues: TopologyIssue[] = [];
  component.ports.forEach((port, j) => {
    const field = `components[${index}].ports[${j}]`;
    if (port.name !== undefined) {
      if (names.has(port.name)) {
        issues.push({
          code: 'topology/duplicate_port',
          field: `${field}.name`,
          message: `port name "${port.name}" is used more than once`,
        });
      }
      names.add(port.name);
    }
    const key = `${port.protocol}/${port.port}`;
    if (numbers.has(key)) {
      issues.push({
        code: 'topology/duplicate_port',
        field: `${field}.port`,
        message: `port ${port.protocol} ${port.port} is listed more than once`,
      });
    }
    numbers.add(key);
  });
  return issues;
}

function flowIssues(index: Index, flow: Flow, field: string): TopologyIssue[] {
  const issues = [...peerIssues(index, flow.from, `${field}.from`), ...peerIssues(index, flow.to, `${field}.to`)];
  if (!('component' in flow.from) && !('component' in flow.to)) {
    issues.push({
      code: 'flow/invalid_peers',
      field,
      message:
        'a flow needs a component of the application at one end at least; policies are generated for components only',
    });
  }
  if ('component' in flow.to) {
    const destination = index.components.get(flow.to.component);
    flow.ports.forEach((port, j) => {
      if (typeof port.port !== 'string' || destination === undefined) return;
      const defined = destination.ports.some((p) => p.name === port.port && p.protocol === port.protocol);
      if (!defined) {
        issues.push({
          code: 'flow/unknown_port',
          field: `${field}.ports[${j}].port`,
          message: `component "${destination.name}" defines no ${port.protocol} port named "${port.port}"`,
        });
      }
    });
  } else {
    flow.ports.forEach((port, j) => {
      if (typeof port.port !== 'string') return;
      // Kubernetes rule 12: a named port resolves on the destination pod; an external or a selector
      // peer has no ports we know, so the name could never be resolved.
      issues.push({
        code: 'flow/unknown_port',
        field: `${field}.ports[${j}].port`,
        message: `port name "${port.port}" can only be used when the destination is a component; give a number`,
      });
    });
  }
  return issues;
}

function peerIssues(index: Index, peer: FlowPeer, field: string): TopologyIssue[] {
  if ('component' in peer && !index.components.has(peer.component)) {
    return [
      {
        code: 'flow/unknown_component',
        field: `${field}.component`,
        message: `no component named "${peer.component}"`,
      },
    ];
  }
  if ('external' in peer && !index.externals.has(peer.external)) {
    return [
      { code: 'flow/unknown_external', field: `${field}.external`, message: `no external named "${peer.external}"` },
    ];
  }
  return [];
}
