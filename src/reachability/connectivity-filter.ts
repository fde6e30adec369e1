/**
 * The `from`/`to` filters of the connectivity endpoints, so a portal can ask for the connections of
 * one component, namespace or workload instead of every pair of a large application:
 * `component:<name>` (or a bare name), `namespace:<name>`, `workload:<namespace>/<name>[<Kind>]`.
 * External ranges never match a filter: a filtered side lists workloads only. Pure: no framework.
 */
import { AppError, ErrorCode } from '../common/errors/app-error';
import type { ConnectionFilter, Workload } from '../engine';

export type FilterField = 'from' | 'to';

/** What a filter may refer to: the snapshot's workloads, and the components when there are any. */
export interface FilterScope {
  readonly workloads: readonly Pick<Workload, 'id' | 'namespace'>[];
  /** Component name -> workload id; undefined for uploaded manifests, which have no components. */
  readonly components?: ReadonlyMap<string, string>;
}

const KINDS = ['component', 'namespace', 'workload'] as const;

/** The engine filter for `from`/`to` (either may be absent); throws a 4xx AppError naming the field. */
export function connectionFilter(scope: FilterScope, from?: string, to?: string): ConnectionFilter {
  return {
    ...(from === undefined ? {} : { src: peerPredicate(scope, from, 'from') }),
    ...(to === undefined ? {} : { dst: peerPredicate(scope, to, 'to') }),
  };
}

function peerPredicate(scope: FilterScope, value: string, field: FilterField): (peer: string) => boolean {
  if (value === '') throw invalid(field, 'must not be empty');
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? undefined : value.slice(0, colon);
  if (prefix !== undefined && !(KINDS as readonly string[]).includes(prefix))
    throw invalid(field, `must be component:<name>, namespace:<name> or workload:<id> (got prefix "${prefix}:")`);
  const kind = (prefix ?? 'component') as (typeof KINDS)[number];
  const name = colon < 0 ? value : value.slice(colon + 1);
  if (name === '') throw invalid(field, `${kind}: needs a name after the colon`);
  switch (kind) {
    case 'component': {
      if (scope.components === undefined)
        throw unknown(field, `manifests have no components; use namespace:<name> or workload:<id>`);
      const id = scope.components.get(name);
      if (id === undefined) throw unknown(field, `no component named "${name}" in this version of the application`);
      return (peer) => peer === id;
    }
    case 'namespace':
      if (!scope.workloads.some((w) => w.namespace === name))
        throw unknown(field, `no workload in namespace "${name}"`);
      return (peer) => peer.startsWith(`${name}/`);
    case 'workload':
      if (!scope.workloads.some((w) => w.id === name)) throw unknown(field, `no workload "${name}"`);
      return (peer) => peer === name;
  }
}

function invalid(field: FilterField, reason: string): AppError {
  return new AppError(ErrorCode.ValidationFailed, `Invalid request: ${field}: ${reason}`, [{ field, reason }]);
}

function unknown(field: FilterField, reason: string): AppError {
  return new AppError(ErrorCode.ReachabilityUnknownEndpoint, `${field}: ${reason}`, [{ field, reason }]);
}
