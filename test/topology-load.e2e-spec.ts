/**
 * TopologyRepository.load reads each table as one JSON text built by the database; the three findMany
 * queries it replaced (`loadByRows` below, as they were) are the reference: the same rows, values and
 * order, for names whose order depends on the collation, labels whose keys jsonb reorders, selector
 * peers, unnamed ports, descriptions and externals with their excepts. Runs on PGlite and on Postgres.
 */
import { PrismaService } from '../src/database/prisma.service';
import type { Component, External } from '../src/engine';
import type { StoredFlow, StoredTopology } from '../src/topology/topology.model';
import { TopologyRepository } from '../src/topology/topology.repository';
import { createApplication } from './support/fixtures';
import { useTestApp } from './support/app';

/** TopologyRepository.load before it read JSON texts. */
async function loadByRows(prisma: PrismaService, applicationId: string): Promise<StoredTopology> {
  const [components, externals, flows] = await Promise.all([
    prisma.component.findMany({ where: { applicationId }, orderBy: { name: 'asc' } }),
    prisma.external.findMany({ where: { applicationId }, orderBy: { name: 'asc' } }),
    prisma.flow.findMany({
      where: { applicationId },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return {
    components: components.map((row): Component => ({
      name: row.name,
      namespace: row.namespace,
      labels: row.labels as Record<string, string>,
      ports: row.ports as unknown as Component['ports'],
    })),
    externals: externals.map((row): External => ({ name: row.name, cidr: row.cidr, except: row.except })),
    flows: flows.map((row): StoredFlow => ({
      id: row.id,
      from: row.from as unknown as StoredFlow['from'],
      to: row.to as unknown as StoredFlow['to'],
      ports: row.ports as unknown as StoredFlow['ports'],
      description: row.description,
    })),
  };
}

const NAMES = ['b', 'a-b', 'ab', 'a', 'a0', 'a-0', 'z9', '0a', 'b-a', 'ba'];

describe('TopologyRepository.load', () => {
  const suite = useTestApp();

  it('answers what the row-by-row queries answered, in the same order, key order included', async () => {
    const app = await createApplication(suite.api);
    const document = {
      components: NAMES.map((name, i) => ({
        name,
        labels: i % 2 ? { 'example.com/long-key': name, app: name, z: 'v' } : { app: name },
        ports: i % 3 ? [{ name: 'http', port: 8000 + i, protocol: 'UDP' }, { port: 9000 }] : [],
      })),
      externals: [
        { name: 'corp', cidr: '10.0.0.0/8', except: ['10.2.0.0/16', '10.1.0.0/16'] },
        { name: 'c-v6', cidr: '2001:db8::/32' },
      ],
      flows: [
        ...NAMES.map((name, i) => ({
          from: { component: name },
          to: { component: NAMES[(i + 1) % NAMES.length]! },
          ports: i % 2 ? [{ port: 8443, protocol: 'UDP' }] : [{ port: 80, endPort: 90 }],
          description: i % 3 ? `flow ${i} ✓ "quoted" \\ back\tslash` : undefined,
        })),
        { from: { external: 'corp' }, to: { component: 'a' }, ports: [] },
        {
          from: {
            selector: {
              namespaceSelector: { matchLabels: { team: 'ops' } },
              podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['mon', 'db'] }] },
            },
          },
          to: { component: 'b' },
          ports: [{ protocol: 'SCTP' }],
        },
      ],
    };
    const put = await suite.api.put(`/v1/applications/${app}/topology`, document);
    expect(put.status).toBe(200);
    const prisma = suite.app.get(PrismaService);
    const { id } = await prisma.application.findUniqueOrThrow({ where: { name: app } });

    const loaded = await suite.app.get(TopologyRepository).load(id);
    const reference = await loadByRows(prisma, id);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(reference));
    expect(loaded.components).toHaveLength(NAMES.length);
    expect(loaded.flows).toHaveLength(NAMES.length + 2);

    // An external written around the API with no except (the column allows null) is still read.
    await prisma.$executeRaw`UPDATE "External" SET "except" = NULL WHERE "applicationId" = ${id}::uuid AND "name" = 'corp'`;
    const withNull = await suite.app.get(TopologyRepository).load(id);
    expect(withNull.externals.map((e) => e.name)).toEqual(['c-v6', 'corp']);
    expect(withNull.flows).toEqual(loaded.flows);
  });

  it('answers the object it read before while the rows are unchanged, and a new one after any change', async () => {
    const app = await createApplication(suite.api);
    const put = await suite.api.put(`/v1/applications/${app}/topology`, {
      components: [
        { name: 'web', labels: { app: 'web' }, ports: [{ port: 80 }] },
        { name: 'api', labels: { app: 'api' }, ports: [] },
      ],
      flows: [{ from: { component: 'web' }, to: { component: 'api' }, ports: [] }],
    });
    expect(put.status).toBe(200);
    const prisma = suite.app.get(PrismaService);
    const repository = suite.app.get(TopologyRepository);
    const { id } = await prisma.application.findUniqueOrThrow({ where: { name: app } });

    const first = await repository.load(id);
    expect(await repository.load(id)).toBe(first);

    // A change the API did not make (so nothing here was told of it) is a new object with the change.
    await prisma.component.updateMany({ where: { applicationId: id, name: 'api' }, data: { namespace: 'other' } });
    const changed = await repository.load(id);
    expect(changed).not.toBe(first);
    expect(changed.components.find((c) => c.name === 'api')!.namespace).toBe('other');
    expect(JSON.stringify(changed)).toBe(JSON.stringify(await loadByRows(prisma, id)));
    // The first object was not touched.
    expect(first.components.find((c) => c.name === 'api')!.namespace).toBe('shop');
  });
});
