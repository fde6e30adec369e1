/**
 * In-memory stand-ins for the database side of services, for unit specs that construct a service
 * directly, without Nest or a database (the way immich's server tests its services). A transaction
 * runs against the same memory and is rolled back when it throws, so a spec can check that a refused
 * write left nothing behind. Only what the services call is implemented.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '../../src/applications/application.model';
import type { ApplicationsService } from '../../src/applications/applications.service';
import type { AuditRecord } from '../../src/audit/audit-event.model';
import type { AuditRepository } from '../../src/audit/audit.repository';
import type { Requester } from '../../src/common/access/request-context';
import { AppError, ErrorCode } from '../../src/common/errors/app-error';
import type { PrismaService } from '../../src/database/prisma.service';
import type { Tx } from '../../src/database/tx';
import { EMPTY_ADMIN_POLICY_SET, type Component, type External, type Flow } from '../../src/engine';
import type { GuardrailsService } from '../../src/guardrails/guardrails.service';
import type { StoredFlow, StoredTopology } from '../../src/topology/topology.model';
import type { TopologyRepository } from '../../src/topology/topology.repository';
import type { Channel, PolicyVersion } from '../../src/versions/version.model';
import type { VersionsRepository } from '../../src/versions/versions.repository';

interface State {
  applications: Map<string, Application>;
  topologies: Map<string, { components: Component[]; externals: External[]; flows: StoredFlow[] }>;
  audit: AuditRecord[];
  touched: string[];
  versions: PolicyVersion[];
  channels: { applicationId: string; name: string; versionId: string; updatedAt: Date }[];
}

/** Stands for a transaction client: the fakes never look inside it. */
const TX = {} as Tx;

export class FakeDatabase {
  state: State = {
    applications: new Map(),
    topologies: new Map(),
    audit: [],
    touched: [],
    versions: [],
    channels: [],
  };

  /** `prisma.$transaction(fn)`: fn runs on the same memory; a throw restores what was there before. */
  readonly prisma = {
    $transaction: async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
      const saved = structuredClone(this.state);
      try {
        return await fn(TX);
      } catch (error) {
        this.state = saved;
        throw error;
      }
    },
  } as unknown as PrismaService;

  addApplication(name: string, extra: Partial<Application> = {}): Application {
    const now = new Date(0);
    const application: Application = {
      id: randomUUID(),
      name,
      displayName: name,
      description: '',
      defaultNamespace: 'shop',
      ownedNamespaces: [{ namespace: 'shop', shared: false, conflict: false, grantedAt: now }],
      settings: { isolation: 'both', dnsEgress: true },
      createdAt: now,
      updatedAt: now,
      ...extra,
    };
    this.state.applications.set(name, application);
    this.state.topologies.set(application.id, { components: [], externals: [], flows: [] });
    return application;
  }

  topologyOf(applicationId: string) {
    const topology = this.state.topologies.get(applicationId);
    if (!topology) throw new Error(`no application ${applicationId}`);
    return topology;
  }
}

/**
 * The applications feature as the topology and versions features use it: find, lock, touch, and the
 * row's version, which here is how many times the application was touched (rolled back with the rest).
 */
export function fakeApplicationsService(db: FakeDatabase): ApplicationsService {
  const find = (name: string) => {
    const application = db.state.applications.get(name);
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  };
  const fake: Pick<ApplicationsService, 'get' | 'lock' | 'touch' | 'rowVersion'> = {
    get: async ({ name }) => find(name),
    lock: async ({ name }) => find(name),
    rowVersion: async ({ application }) =>
      db.state.topologies.has(application.id)
        ? String(db.state.touched.filter((id) => id === application.id).length)
        : undefined,
    touch: async ({ application }) => {
      db.state.touched.push(application.id);
    },
  };
  return fake as ApplicationsService;
}

export function fakeAuditRepository(db: FakeDatabase): AuditRepository {
  const fake: Pick<AuditRepository, 'record'> = {
    record: async (_tx, event) => {
      db.state.audit.push(event);
    },
  };
  return fake as AuditRepository;
}

const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => (a.name < b.name ? -1 : 1));
const clone = <T>(value: T): T => structuredClone(value);

export function fakeTopologyRepository(db: FakeDatabase): TopologyRepository {
  const of = (id: string) => db.topologyOf(id);
  const upsert = <T extends { name: string }>(list: T[], item: T) => {
    const at = list.findIndex((x) => x.name === item.name);
    if (at >= 0) list[at] = clone(item);
    else list.push(clone(item));
    byName(list);
  };
  const fake: Omit<TopologyRepository, 'componentsOf' | 'externalsOf' | 'flowsOf' | 'prisma'> = {
    load: async (id): Promise<StoredTopology> => clone(of(id)),
    findComponent: async (id, name) => clone(of(id).components.find((c) => c.name === name)),
    findExternal: async (id, name) => clone(of(id).externals.find((e) => e.name === name)),
    findFlow: async (id, flowId) => clone(of(id).flows.find((f) => f.id === flowId)),
    listFlows: async (id, { from, to }) =>
      clone(of(id).flows.filter((f) => (!from || peerName(f.from) === from) && (!to || peerName(f.to) === to))),
    upsertComponent: async (id, component) => upsert(of(id).components, component),
    deleteComponent: async (id, name) => {
      of(id).components = of(id).components.filter((c) => c.name !== name);
    },
    upsertExternal: async (id, external) => upsert(of(id).externals, external),
    deleteExternal: async (id, name) => {
      of(id).externals = of(id).externals.filter((e) => e.name !== name);
    },
    createFlow: async (id, flow: Flow) => {
      const stored = { ...clone(flow), id: randomUUID(), description: flow.description ?? '' };
      of(id).flows.push(stored);
      return clone(stored);
    },
    deleteFlow: async (id, flowId) => {
      of(id).flows = of(id).flows.filter((f) => f.id !== flowId);
    },
    replace: async (id, topology) => {
      db.state.topologies.set(id, {
        components: byName(clone([...topology.components])),
        externals: byName(clone([...topology.externals])),
        flows: topology.flows.map((f) => ({ ...clone(f), id: randomUUID(), description: f.description ?? '' })),
      });
    },
    nextFlowPosition: async (id) => of(id).flows.length,
  };
  return fake as unknown as TopologyRepository;
}

function peerName(peer: Flow['from']): string | undefined {
  return 'component' in peer ? peer.component : 'external' in peer ? peer.external : undefined;
}

/** Versions and channels; the unique (application, number) is enforced as Postgres does (P2002). */
export function fakeVersionsRepository(db: FakeDatabase): VersionsRepository {
  const versionsOf = (id: string) =>
    db.state.versions.filter((v) => v.applicationId === id).sort((a, b) => b.number - a.number);
  const channel = (c: State['channels'][number]): Channel => ({
    name: c.name,
    version: clone(db.state.versions.find((v) => v.id === c.versionId)!),
    updatedAt: c.updatedAt,
  });
  const fake: Omit<VersionsRepository, 'latestOf' | 'channelsOf' | 'versionsOf' | 'prisma'> = {
    latestHead: async (id) => {
      const latest = versionsOf(id)[0];
      return latest && { number: latest.number, digest: latest.digest };
    },
    headByName: async (name) => {
      const application = [...db.state.applications.values()].find((a) => a.name === name);
      if (application === undefined) return undefined;
      const latest = versionsOf(application.id)[0];
      return { applicationId: application.id, number: latest?.number ?? null, digest: latest?.digest ?? null };
    },
    findByNumber: async (id, number) => clone(versionsOf(id).find((v) => v.number === number)),
    list: async (id, { limit, offset }) => ({
      items: clone(versionsOf(id).slice(offset, offset + limit)),
      total: versionsOf(id).length,
    }),
    create: async (version) => {
      if (versionsOf(version.applicationId).some((v) => v.number === version.number)) {
        throw Object.assign(new Error('Unique constraint failed on (applicationId, number)'), { code: 'P2002' });
      }
      const stored = { ...clone(version), id: randomUUID(), createdAt: new Date() };
      db.state.versions.push(stored);
      return clone(stored);
    },
    findChannel: async (id, name) => {
      const found = db.state.channels.find((c) => c.applicationId === id && c.name === name);
      return found && channel(found);
    },
    listChannels: async (id) =>
      db.state.channels
        .filter((c) => c.applicationId === id)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(channel),
    upsertChannel: async (id, name, versionId) => {
      const found = db.state.channels.find((c) => c.applicationId === id && c.name === name);
      const row = found ?? { applicationId: id, name, versionId, updatedAt: new Date() };
      if (found) Object.assign(found, { versionId, updatedAt: new Date() });
      else db.state.channels.push(row);
      return channel(row);
    },
    deleteChannel: async (id, name) => {
      const before = db.state.channels.length;
      db.state.channels = db.state.channels.filter((c) => !(c.applicationId === id && c.name === name));
      return db.state.channels.length < before;
    },
  };
  return fake as unknown as VersionsRepository;
}

/** The AppError a call fails with, as the API would answer it: its code, the fields it names, its details. */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; fields: string[]; details: unknown }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error.details;
    const fields = Array.isArray(details) ? details.map((d: { field: string }) => d.field) : [];
    return { code: error.code, fields, details };
  }
  throw new Error('the call succeeded');
}

/** A caller for the audit record. */
export const SOMEONE: Requester = { requestId: 'test-request' };

/** No guardrails published: every publish check passes with no findings (src/guardrails). */
export function fakeGuardrailsService(): GuardrailsService {
  const none = { version: null, set: EMPTY_ADMIN_POLICY_SET };
  const fake: Pick<GuardrailsService, 'resolve' | 'checkPublishUnder'> = {
    resolve: async () => none,
    checkPublishUnder: () => ({ guardrailVersion: null, findings: [] }),
  };
  return fake as unknown as GuardrailsService;
}
