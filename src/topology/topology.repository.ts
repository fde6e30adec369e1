import { Injectable } from '@nestjs/common';
import { hash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  Prisma,
  type Component as ComponentRow,
  type External as ExternalRow,
  type Flow as FlowRow,
} from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import type { Component, ComponentPort, External, Flow, FlowPeer, FlowPort } from '../engine';
import type { StoredFlow, StoredTopology } from './topology.model';

/** Topologies kept by the text they were read as: at most this many, and about this many bytes (4x the text). */
const READ_TOPOLOGIES_MAX = 16;
const READ_TOPOLOGIES_BYTES = 64 * 1024 * 1024;

/** Owns the Prisma queries for components, externals and flows, and the row <-> model mapping. */
@Injectable()
export class TopologyRepository {
  /**
   * Topologies recently read, by application id and the sha256 of the texts the database answered:
   * a read that gets the same texts again answers the same (readonly) object. A PUT reads back what
   * it wrote, then its publish reads the same rows for the draft and again under the lock for its
   * recheck: the second and third reads skip parsing 6,000 rows, and the engine's digest, remembered
   * per topology object, is worked out once instead of three times. Equal texts parse to equal
   * topologies, so an entry can never be stale; the key is the content, not a revision.
   */
  private readonly recentlyRead = new LRUCache<string, StoredTopology>({
    max: READ_TOPOLOGIES_MAX,
    maxSize: READ_TOPOLOGIES_BYTES,
  });

  constructor(private readonly prisma: PrismaService) {}

  /**
   * The whole topology, each table's rows as one JSON text built by the database: PGlite's wire
   * protocol and Prisma's row mapping cost more per row than the rows themselves (two of them per
   * publish, one per PUT, 6,000 rows each at the benchmark's size). The same rows, values and order as
   * the three findMany it replaced (`loadByRows`, kept as the reference of topology-load.e2e-spec.ts):
   * names in the database's collation, jsonb columns as jsonb renders them. Each row's JSON is
   * concatenated from its columns' own JSON texts (string_agg) rather than built as a json value
   * (json_agg of json_build_object): the same values at about 60% of PGlite's work. No row's text may
   * be NULL (string_agg would leave the row out): every column is NOT NULL but External's except,
   * which is written as null when it is, as json_build_object wrote it.
   */
  async load(applicationId: string, tx: Tx = this.prisma): Promise<StoredTopology> {
    const [[components], [externals], [flows]] = await Promise.all([
      tx.$queryRaw<[{ rows: string }]>`
        SELECT '[' || coalesce(string_agg(
          '{"name":' || to_json("name")::text || ',"namespace":' || to_json("namespace")::text ||
          ',"labels":' || "labels"::text || ',"ports":' || "ports"::text || '}', ',' ORDER BY "name"), '') || ']' AS rows
        FROM "Component" WHERE "applicationId" = ${applicationId}::uuid`,
      tx.$queryRaw<[{ rows: string }]>`
        SELECT '[' || coalesce(string_agg(
          '{"name":' || to_json("name")::text || ',"cidr":' || to_json("cidr")::text ||
          ',"except":' || coalesce(to_json("except")::text, 'null') || '}', ',' ORDER BY "name"), '') || ']' AS rows
        FROM "External" WHERE "applicationId" = ${applicationId}::uuid`,
      tx.$queryRaw<[{ rows: string }]>`
        SELECT '[' || coalesce(string_agg(
          '{"id":"' || "id"::text || '","from":' || "from"::text || ',"to":' || "to"::text ||
          ',"ports":' || "ports"::text || ',"description":' || to_json("description")::text || '}', ','
          ORDER BY "position", "createdAt", "id"), '') || ']' AS rows
        FROM "Flow" WHERE "applicationId" = ${applicationId}::uuid`,
    ]);
    // The texts cannot hold a NUL (Postgres text refuses it), so joined with one they stay apart.
    const text = `${components.rows}\u0000${externals.rows}\u0000${flows.rows}`;
    const key = `${applicationId}/${hash('sha256', text)}`;
    const kept = this.recentlyRead.get(key);
    if (kept !== undefined) return kept;
    const topology: StoredTopology = {
      components: JSON.parse(components.rows) as Component[],
      externals: JSON.parse(externals.rows) as External[],
      flows: JSON.parse(flows.rows) as StoredFlow[],
    };
    this.recentlyRead.set(key, topology, { size: 4 * text.length + 1 });
    return topology;
  }

  async findComponent(applicationId: string, name: string): Promise<Component | undefined> {
    const row = await this.prisma.component.findUnique({ where: { applicationId_name: { applicationId, name } } });
    return row ? toComponent(row) : undefined;
  }

  async findExternal(applicationId: string, name: string): Promise<External | undefined> {
    const row = await this.prisma.external.findUnique({ where: { applicationId_name: { applicationId, name } } });
    return row ? toExternal(row) : undefined;
  }

  async findFlow(applicationId: string, id: string): Promise<StoredFlow | undefined> {
    const row = await this.prisma.flow.findFirst({ where: { applicationId, id } });
    return row ? toFlow(row) : undefined;
  }

  async listFlows(applicationId: string, filter: { from?: string; to?: string }): Promise<StoredFlow[]> {
    const rows = await this.prisma.flow.findMany({
      where: { applicationId, fromName: filter.from, toName: filter.to },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toFlow);
  }

  async upsertComponent(applicationId: string, component: Component, tx: Tx): Promise<void> {
    const data = { namespace: component.namespace, labels: { ...component.labels }, ports: portsJson(component.ports) };
    await tx.component.upsert({
      where: { applicationId_name: { applicationId, name: component.name } },
      create: { applicationId, name: component.name, ...data },
      update: data,
    });
  }

  async deleteComponent(applicationId: string, name: string, tx: Tx): Promise<void> {
    await tx.component.delete({ where: { applicationId_name: { applicationId, name } } });
  }

  async upsertExternal(applicationId: string, external: External, tx: Tx): Promise<void> {
    const data = { cidr: external.cidr, except: [...external.except] };
    await tx.external.upsert({
      where: { applicationId_name: { applicationId, name: external.name } },
      create: { applicationId, name: external.name, ...data },
      update: data,
    });
  }

  async deleteExternal(applicationId: string, name: string, tx: Tx): Promise<void> {
    await tx.external.delete({ where: { applicationId_name: { applicationId, name } } });
  }

  async createFlow(applicationId: string, flow: Flow, position: number, tx: Tx): Promise<StoredFlow> {
    const row = await tx.flow.create({ data: flowData(applicationId, flow, position) });
    return toFlow(row);
  }

  async deleteFlow(applicationId: string, id: string, tx: Tx): Promise<void> {
    await tx.flow.deleteMany({ where: { applicationId, id } });
  }

  /** Replaces the whole topology; the caller owns the transaction, so readers never see half of it. */
  async replace(
    applicationId: string,
    topology: Omit<StoredTopology, 'flows'> & { flows: readonly Flow[] },
    tx: Tx,
  ): Promise<void> {
    await tx.flow.deleteMany({ where: { applicationId } });
    await tx.component.deleteMany({ where: { applicationId } });
    await tx.external.deleteMany({ where: { applicationId } });
    // Components and flows go in as one INSERT each, a column per array parameter: Prisma's
    // createMany builds a statement with a parameter per value, which costs over a second for
    // 5,000 flows; unnest takes the same rows in milliseconds. Ids are UUIDs, as Prisma makes them.
    const { components, flows } = topology;
    if (components.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "Component" ("id", "applicationId", "name", "namespace", "labels", "ports", "updatedAt")
        SELECT c.id, ${applicationId}::uuid, c.name, c.namespace, c.labels::jsonb, c.ports::jsonb, now()
        FROM unnest(
          ${components.map(() => randomUUID())}::uuid[],
          ${components.map((c) => c.name)}::text[],
          ${components.map((c) => c.namespace)}::text[],
          ${components.map((c) => JSON.stringify(c.labels))}::text[],
          ${components.map((c) => JSON.stringify(portsJson(c.ports)))}::text[]
        ) AS c(id, name, namespace, labels, ports)`;
    }
    await tx.external.createMany({
      data: topology.externals.map((e) => ({ applicationId, name: e.name, cidr: e.cidr, except: [...e.except] })),
    });
    if (flows.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "Flow" ("id", "applicationId", "from", "to", "fromName", "toName", "ports", "description", "position")
        SELECT f.id, ${applicationId}::uuid, f.source::jsonb, f.target::jsonb, f.source_name, f.target_name,
          f.ports::jsonb, f.description, f.position
        FROM unnest(
          ${flows.map(() => randomUUID())}::uuid[],
          ${flows.map((f) => JSON.stringify(f.from))}::text[],
          ${flows.map((f) => JSON.stringify(f.to))}::text[],
          ${flows.map((f) => peerName(f.from))}::text[],
          ${flows.map((f) => peerName(f.to))}::text[],
          ${flows.map((f) => JSON.stringify(f.ports))}::text[],
          ${flows.map((f) => f.description ?? '')}::text[],
          ${flows.map((_, i) => i)}::int[]
        ) AS f(id, source, target, source_name, target_name, ports, description, position)`;
    }
  }

  async nextFlowPosition(applicationId: string, tx: Tx): Promise<number> {
    const last = await tx.flow.aggregate({ where: { applicationId }, _max: { position: true } });
    return (last._max.position ?? -1) + 1;
  }

  /** For DataLoaders: one query for many applications. */
  async componentsOf(applicationIds: readonly string[]): Promise<Map<string, Component[]>> {
    const rows = await this.prisma.component.findMany({
      where: { applicationId: { in: [...applicationIds] } },
      orderBy: { name: 'asc' },
    });
    return groupBy(rows, (r) => r.applicationId, toComponent);
  }

  async externalsOf(applicationIds: readonly string[]): Promise<Map<string, External[]>> {
    const rows = await this.prisma.external.findMany({
      where: { applicationId: { in: [...applicationIds] } },
      orderBy: { name: 'asc' },
    });
    return groupBy(rows, (r) => r.applicationId, toExternal);
  }

  async flowsOf(applicationIds: readonly string[]): Promise<Map<string, StoredFlow[]>> {
    const rows = await this.prisma.flow.findMany({
      where: { applicationId: { in: [...applicationIds] } },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return groupBy(rows, (r) => r.applicationId, toFlow);
  }
}

function groupBy<Row, T>(rows: readonly Row[], key: (row: Row) => string, map: (row: Row) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k) ?? [];
    list.push(map(row));
    groups.set(k, list);
  }
  return groups;
}

function portsJson(ports: readonly ComponentPort[]): Prisma.InputJsonArray {
  return ports.map((p) =>
    p.name === undefined
      ? { port: p.port, protocol: p.protocol }
      : { name: p.name, port: p.port, protocol: p.protocol },
  );
}

function peerName(peer: FlowPeer): string | null {
  if ('component' in peer) return peer.component;
  if ('external' in peer) return peer.external;
  return null;
}

function flowData(applicationId: string, flow: Flow, position: number) {
  return {
    applicationId,
    from: flow.from as Prisma.InputJsonObject,
    to: flow.to as Prisma.InputJsonObject,
    fromName: peerName(flow.from),
    toName: peerName(flow.to),
    ports: flow.ports.map((p) => ({ ...p })) as Prisma.InputJsonArray,
    description: flow.description ?? '',
    position,
  };
}

function toComponent(row: ComponentRow): Component {
  return {
    name: row.name,
    namespace: row.namespace,
    labels: row.labels as Record<string, string>,
    ports: row.ports as unknown as ComponentPort[],
  };
}

function toExternal(row: ExternalRow): External {
  return { name: row.name, cidr: row.cidr, except: row.except };
}

function toFlow(row: FlowRow): StoredFlow {
  return {
    id: row.id,
    from: row.from as unknown as FlowPeer,
    to: row.to as unknown as FlowPeer,
    ports: row.ports as unknown as FlowPort[],
    description: row.description,
  };
}
