/**
 * Lint findings about the admin tiers of a snapshot (ANPs, the BANP) and how they meet the
 * NetworkPolicies: an ANP/BANP rule that can never match, a Pass with nothing below it (the cluster
 * default then allows what it passes, as an Allow would), and a NetworkPolicy rule whose every
 * connection an AdminNetworkPolicy denies first (KEP-2091: ANP Deny cannot be overridden).
 */
import { isEmptyAdminPolicySet } from './admin-policy';
import {
  adminApplies,
  anpPorts,
  type CompiledAdminPolicy,
  type CompiledAdminRule,
  type Direction,
} from './admin-tiers';
import { compileSnapshot, type CompiledSnapshot } from './compile';
import type { Snapshot } from './model';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** A lint Finding (lint.ts) with one of the admin codes of LINT_CODES. */
export interface AdminFinding {
  readonly code: 'admin-rule-never-matches' | 'admin-pass-nothing-below' | 'networkpolicy-rule-shadowed';
  readonly severity: 'warning';
  readonly object: string;
  readonly message: string;
}

const kindOf = (p: CompiledAdminPolicy) => (p.baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy');

/** Why the rule can never match, or undefined. */
function neverMatches(c: CompiledSnapshot, p: CompiledAdminPolicy, rule: CompiledAdminRule): string | undefined {
  if (rule.workloads.length === 0 && rule.ranges.length === 0) {
    return `its ${rule.direction === 'ingress' ? 'from' : 'to'} peers select no pod${rule.direction === 'egress' ? ' and no address' : ''}`;
  }
  if (rule.numericPorts.isEmpty()) {
    // Named ports only: they resolve on the destination (the subject for ingress, the peer for egress).
    const destinations = rule.direction === 'ingress' ? p.subject : rule.workloads;
    const defined = destinations.some((w) =>
      c.workloads[w]!.ports.some((cp) => rule.namedPorts.includes(cp.name ?? '')),
    );
    if (!defined)
      return `no destination pod has a port named ${rule.namedPorts.map((n) => JSON.stringify(n)).join(' or ')}`;
  }
  const earlier = p[rule.direction].find(
    (e) =>
      e.index < rule.index &&
      rule.ranges.length === 0 &&
      rule.namedPorts.length === 0 &&
      e.namedPorts.length === 0 &&
      rule.workloads.every((w) => e.workloadSet.has(w)) &&
      e.numericPorts.covers(rule.numericPorts),
  );
  if (earlier !== undefined) return `${rule.direction}[${earlier.index}] matches everything it matches, first`;
  return undefined;
}

export function lintAdmin(snapshot: Snapshot): AdminFinding[] {
  if (isEmptyAdminPolicySet(snapshot.admin)) return [];
  const c = compileSnapshot(snapshot);
  const out: AdminFinding[] = [];
  const policies = [...c.admin.anps, ...(c.admin.banp !== undefined ? [c.admin.banp] : [])];
  for (const p of policies) {
    const label = `${kindOf(p)} ${p.name}`;
    if (p.subject.length === 0) {
      out.push({
        code: 'admin-rule-never-matches',
        severity: 'warning',
        object: label,
        message: 'its subject selects no pod, so none of its rules can match',
      });
      continue;
    }
    for (const direction of DIRECTIONS) {
      for (const rule of p[direction]) {
        const object = `${label} ${direction}[${rule.index}]`;
        const why = neverMatches(c, p, rule);
        if (why !== undefined) {
          out.push({
            code: 'admin-rule-never-matches',
            severity: 'warning',
            object,
            message: `can never match: ${why}`,
          });
          continue;
        }
        if (rule.action !== 'Pass') continue;
        // Pass hands traffic to the NetworkPolicies, then the BANP; with neither, the default allows it.
        const below = p.subject.some(
          (w) =>
            (direction === 'ingress' ? c.ingressPolicies : c.egressPolicies)[w]!.length > 0 ||
            (c.admin.banp !== undefined && c.admin.banp.subjectSet.has(w) && c.admin.banp[direction].length > 0),
        );
        if (!below) {
          out.push({
            code: 'admin-pass-nothing-below',
            severity: 'warning',
            object,
            message: `passes to the lower tiers, but no NetworkPolicy selects its subject pods for ${direction} and no BaselineAdminNetworkPolicy rule applies to them: the cluster default allows what it passes, as an Allow would`,
          });
        }
      }
    }
  }
  out.push(...shadowedNetworkPolicyRules(c));
  return out;
}

/** NetworkPolicy rules naming pods whose every allowed connection an ANP Deny decides first. */
function shadowedNetworkPolicyRules(c: CompiledSnapshot): AdminFinding[] {
  const out: AdminFinding[] = [];
  for (const policy of c.policies) {
    for (const direction of DIRECTIONS) {
      for (const rule of policy[direction] ?? []) {
        if (rule.anyPeer || rule.ipBlocks.length > 0 || rule.namedPorts.length > 0 || rule.workloads.length === 0)
          continue;
        if (policy.selects.length === 0 || rule.numericPorts.isEmpty()) continue;
        const deniers = new Set<string>();
        const shadowed = policy.selects.every(
          (self) =>
            adminApplies(c.admin, direction, self) &&
            rule.workloads.every((peer) => {
              const destination = c.workloads[direction === 'ingress' ? self : peer];
              const { denied, deniedBy } = anpPorts(c.admin, direction, self, { workload: peer }, destination);
              for (const d of deniedBy) deniers.add(d);
              return denied.covers(rule.numericPorts);
            }),
        );
        if (!shadowed) continue;
        out.push({
          code: 'networkpolicy-rule-shadowed',
          severity: 'warning',
          object: `policy ${policy.id} ${direction}[${rule.index}]`,
          message: `allows nothing: AdminNetworkPolicy ${[...deniers].sort().join(', ')} denies every connection it would allow, and an ANP Deny is decided before any NetworkPolicy`,
        });
      }
    }
  }
  return out;
}
