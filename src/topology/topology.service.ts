import { Injectable } from '@nestjs/common';
import type { AuditAction } from '../audit/audit-event.model';
import { AuditRepository } from '../audit/audit.repository';
import type { Requester } from '../common/access/request-context';
import { ApplicationsService } from '../applications/applications.service';
import type { Application } from '../applications/application.model';
import { assertOwnsNamespace, assertOwnsNamespaces } from '../applications/namespace-ownership';
import { AppError, ErrorCode, type FieldProblem } from '../common/errors/app-error';
import { validationFailed } from '../common/validation/validation.pipe';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import {
  readComponent,
  readExternal,
  readFlow,
  readTopologyDocument,
  TopologyError,
  topologyDigest,
  validateTopology,
  type Component,
  type ComponentInput,
  type External,
  type ExternalInput,
  type Flow,
  type FlowInput,
  type TopologyDocumentInput,
  type TopologyProblem,
} from '../engine';
import type { StoredFlow, StoredTopology } from './topology.model';
import { assertIfMatch, topologyEtag } from './topology.etag';
import { TopologyRepository } from './topology.repository';

/**
 * A write validates and loads the whole topology twice inside its transaction: a document of 5,000
 * components took 17 s end to end on a busy 2-core machine, far over Prisma's default 5 s. (Moving
 * that work out of the transaction, as publish does, is the lasting fix.)
 */
const WRITE_TRANSACTION_OPTIONS = { timeout: 60_000 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every change to a topology runs the same way: lock the application, load its topology, apply the
 * change in memory, check the whole result (validateTopology), then write, all in one transaction.
 * So no write can leave a flow pointing at a missing component or port.
 */
@Injectable()
export class TopologyService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly topology: TopologyRepository,
    private readonly auditLog: AuditRepository,
  ) {}

  async get({ app }: { app: string }): Promise<StoredTopology & { application: Application }> {
    const application = await this.applications.get({ name: app });
    return { application, ...(await this.topology.load(application.id)) };
  }

  /** `ifMatch`: the caller's If-Match; checked against the document under the row lock, so concurrent editors never lose an update. */
  async replace({
    app,
    document,
    ifMatch,
    by,
  }: {
    app: string;
    document: TopologyDocumentInput;
    ifMatch?: string;
    by: Requester;
  }): Promise<StoredTopology> {
    const { after } = await this.write(app, { by, action: 'topology.put' }, async (application, current, tx) => {
      assertIfMatch(ifMatch, topologyEtag(application.name, current));
      if (document.name !== undefined && document.name !== application.name) {
        throw validationFailed([
          { field: 'name', reason: `names application "${document.name}", not "${application.name}"` },
        ]);
      }
      const next = read(() =>
        readTopologyDocument(document, {
          fallbackName: application.name,
          defaultNamespace: application.defaultNamespace,
          crossReferences: false,
        }),
      );
      assertOwnsNamespaces(
        application,
        next.components.map((c, i) => ({
          namespace: c.namespace,
          field: document.components[i]?.namespace == null ? 'namespace' : `components[${i}].namespace`,
        })),
      );
      rejectIssues(validateTopology(next), (field) => field);
      await this.topology.replace(application.id, next, tx);
    });
    return after;
  }

  /** An application's stored topology (inside the caller's transaction when given one): for features that build on it. */
  async load({ application }: { application: Pick<Application, 'id'> }, tx?: Tx): Promise<StoredTopology> {
    return this.topology.load(application.id, tx);
  }

  async listComponents({ app }: { app: string }): Promise<readonly Component[]> {
    return (await this.get({ app })).components;
  }

  async getComponent({ app, name }: { app: string; name: string }): Promise<Component> {
    const application = await this.applications.get({ name: app });
    const component = await this.topology.findComponent(application.id, name);
    if (!component) throw AppError.notFound(ErrorCode.ComponentNotFound, 'component', name);
    return component;
  }

  async putComponent({ app, name, input, by }: { app: string; name: string; input: ComponentInput; by: Requester }) {
    return this.changed(app, { by, action: 'component.put', target: name }, async (application, current, tx) => {
      const component = read(() => readComponent(input, name, application.defaultNamespace));
      assertOwnsNamespace(application, component.namespace, 'namespace');
      const created = withMember(current, 'components', component);
      await this.topology.upsertComponent(application.id, component, tx);
      return { component, created };
    });
  }

  async deleteComponent({ app, name, by }: { app: string; name: string; by: Requester }): Promise<void> {
    await this.write(app, { by, action: 'component.delete', target: name }, async (application, current, tx) => {
      assertDeletable(current, 'component', name);
      await this.topology.deleteComponent(application.id, name, tx);
    });
  }

  async listExternals({ app }: { app: string }): Promise<readonly External[]> {
    return (await this.get({ app })).externals;
  }

  async getExternal({ app, name }: { app: string; name: string }): Promise<External> {
    const application = await this.applications.get({ name: app });
    const external = await this.topology.findExternal(application.id, name);
    if (!external) throw AppError.notFound(ErrorCode.ExternalNotFound, 'external', name);
    return external;
  }

  async putExternal({ app, name, input, by }: { app: string; name: string; input: ExternalInput; by: Requester }) {
    return this.changed(app, { by, action: 'external.put', target: name }, async (application, current, tx) => {
      const external = read(() => readExternal(input, name));
      const created = withMember(current, 'externals', external);
      await this.topology.upsertExternal(application.id, external, tx);
      return { external, created };
    });
  }

  async deleteExternal({ app, name, by }: { app: string; name: string; by: Requester }): Promise<void> {
    await this.write(app, { by, action: 'external.delete', target: name }, async (application, current, tx) => {
      assertDeletable(current, 'external', name);
      await this.topology.deleteExternal(application.id, name, tx);
    });
  }

  async listFlows({ app, from, to }: { app: string; from?: string; to?: string }): Promise<StoredFlow[]> {
    const application = await this.applications.get({ name: app });
    return this.topology.listFlows(application.id, { from, to });
  }

  async getFlow({ app, id }: { app: string; id: string }): Promise<StoredFlow> {
    const application = await this.applications.get({ name: app });
    const flow = UUID.test(id) ? await this.topology.findFlow(application.id, id) : undefined;
    if (!flow) throw AppError.notFound(ErrorCode.FlowNotFound, 'flow', id);
    return flow;
  }

  async createFlow({ app, input, by }: { app: string; input: FlowInput; by: Requester }): Promise<StoredFlow> {
    return this.changed(
      app,
      { by, action: 'flow.create', target: (flow) => flow.id },
      async (application, current, tx) => {
        const flow = read(() => readFlow(input));
        const index = current.flows.length;
        rejectIssues(validateTopology({ ...current, flows: [...current.flows, flow] }), (field) =>
          field.startsWith(`flows[${index}]`)
            ? field.slice(`flows[${index}]`.length).replace(/^\./, '') || 'body'
            : field,
        );
        const position = await this.topology.nextFlowPosition(application.id, tx);
        return this.topology.createFlow(application.id, flow, position, tx);
      },
    );
  }

  async deleteFlow({ app, id, by }: { app: string; id: string; by: Requester }): Promise<void> {
    await this.write(app, { by, action: 'flow.delete', target: id }, async (application, current, tx) => {
      if (!UUID.test(id) || !current.flows.some((f) => f.id === id)) {
        throw AppError.notFound(ErrorCode.FlowNotFound, 'flow', id);
      }
      await this.topology.deleteFlow(application.id, id, tx);
    });
  }

  /** `write`, answering the change's own result. */
  private async changed<T>(...args: Parameters<typeof this.write<T>>): Promise<T> {
    return (await this.write(...args)).result;
  }

  /**
   * The one way a topology changes; records the audit event, with the document's digest before and
   * after. Answers the change's result and the topology after it (read once, for the audit and the caller).
   */
  private write<T>(
    app: string,
    audit: { by: Requester; action: AuditAction; target?: string | ((result: T) => string) },
    change: (application: Application, current: StoredTopology, tx: Tx) => Promise<T>,
  ): Promise<{ result: T; after: StoredTopology }> {
    return this.prisma.$transaction(async (tx) => {
      const application = await this.applications.lock({ name: app }, tx);
      const current = await this.topology.load(application.id, tx);
      const result = await change(application, current, tx);
      await this.applications.touch({ application }, tx);
      const after = await this.topology.load(application.id, tx);
      await this.auditLog.record(tx, {
        by: audit.by,
        action: audit.action,
        application: application.name,
        target: typeof audit.target === 'function' ? audit.target(result) : audit.target,
        digestBefore: topologyDigest(application.name, current),
        digestAfter: topologyDigest(application.name, after),
      });
      return { result, after };
    }, WRITE_TRANSACTION_OPTIONS);
  }
}

const MEMBER_ERRORS = {
  component: { notFound: ErrorCode.ComponentNotFound, inUse: ErrorCode.ComponentInUse },
  external: { notFound: ErrorCode.ExternalNotFound, inUse: ErrorCode.ExternalInUse },
} as const;

/**
 * Checks the topology with `member` added or replaced, whole; answers whether it is new. Problems with the member's own
 * fields are reported relative to the request body (`ports[1].name`), others by flow id.
 */
function withMember<K extends 'components' | 'externals'>(
  current: StoredTopology,
  collection: K,
  member: StoredTopology[K][number],
): boolean {
  const members = current[collection] as readonly { name: string }[];
  const created = !members.some((m) => m.name === member.name);
  const updated = created ? [...members, member] : members.map((m) => (m.name === member.name ? member : m));
  const next = { ...current, [collection]: updated } as StoredTopology;
  const index = updated.findIndex((m) => m.name === member.name);
  const own = new RegExp(`^${collection}\\[${index}\\]\\.`);
  rejectIssues(validateTopology(next), (field) => flowFieldOf(current.flows)(field.replace(own, '')));
  return created;
}

/** A component or external can go only when it exists and no flow names it. */
function assertDeletable(current: StoredTopology, kind: 'component' | 'external', name: string): void {
  const members = (kind === 'component' ? current.components : current.externals) as readonly { name: string }[];
  if (!members.some((m) => m.name === name)) throw AppError.notFound(MEMBER_ERRORS[kind].notFound, kind, name);
  const users = current.flows.filter((f) => peerIs(f.from, kind, name) || peerIs(f.to, kind, name));
  if (users.length > 0) {
    const uses: FieldProblem[] = users.flatMap((f) =>
      (['from', 'to'] as const)
        .filter((end) => peerIs(f[end], kind, name))
        .map((end) => ({
          field: `flows[${f.id}].${end}.${kind}`,
          reason: `names ${kind} "${name}"; delete or change the flow first`,
        })),
    );
    throw new AppError(
      MEMBER_ERRORS[kind].inUse,
      `${kind} "${name}" is used by ${users.length} flow(s); delete them first`,
      uses,
    );
  }
}

function peerIs(peer: Flow['from'], kind: 'component' | 'external', name: string): boolean {
  return kind in peer && (peer as Record<string, unknown>)[kind] === name;
}

/** For single-object writes: name an existing flow by its id rather than its index in the document. */
function flowFieldOf(flows: readonly StoredFlow[]): (field: string) => string {
  return (field) => field.replace(/^flows\[(\d+)\]/, (_, i: string) => `flows[${flows[Number(i)]?.id ?? i}]`);
}

/** Runs the engine's reader of the document; its problems are the request's, named as it names them. */
function read<T>(reader: () => T): T {
  try {
    return reader();
  } catch (error) {
    if (error instanceof TopologyError) rejectIssues(error.issues, (field) => field);
    throw error;
  }
}

function rejectIssues(issues: readonly TopologyProblem[], field: (path: string) => string): void {
  if (issues.length === 0) return;
  const details: FieldProblem[] = issues.map((issue) => ({
    field: field(issue.field),
    reason: issue.message,
    code: issue.code,
  }));
  const first = details[0];
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new AppError(ErrorCode.TopologyInvalid, `Invalid topology: ${first.field}: ${first.reason}${more}`, details);
}
