/**
 * VersionsRepository.create writes the version with one raw INSERT, the topology and findings as JSON
 * text. The reference is Prisma's create, as the repository used it before: both rows must hold the
 * same jsonb (compared as the database renders it) and read back equal; a taken number must still be
 * a unique violation the publish retries. Runs on PGlite and on Postgres.
 */
import { isUniqueViolation } from '../src/common/errors/prisma-errors';
import { PrismaService } from '../src/database/prisma.service';
import type { Finding, Topology } from '../src/engine';
import { Prisma } from '../src/generated/prisma/client';
import { VersionsRepository, type NewVersion } from '../src/versions/versions.repository';
import { createApplication } from './support/fixtures';
import { useTestApp } from './support/app';

const TOPOLOGY: Topology = {
  name: 'store',
  settings: { isolation: 'declared', dnsEgress: true },
  components: [
    {
      name: 'web ✓',
      namespace: 'shop',
      labels: { z: 'last', 'example.com/app': 'web "quoted" \\ back', a: '' },
      ports: [
        { name: 'http', port: 80, protocol: 'TCP' },
        { port: 8443, protocol: 'UDP' },
      ],
    },
    { name: 'db', namespace: 'shop', labels: {}, ports: [] },
  ],
  externals: [{ name: 'corp', cidr: '10.0.0.0/8', except: ['10.2.0.0/16'] }],
  flows: [
    { from: { component: 'web ✓' }, to: { component: 'db' }, ports: [{ port: 5432, endPort: 5440 }] },
    {
      from: {
        selector: {
          namespaceSelector: { matchLabels: { team: 'ops\u0001\u2028' } },
          podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['mon', 'db'] }] },
        },
      },
      to: { external: 'corp' },
      ports: [],
      description: 'line\nbreak \ud83d\ude00',
    },
  ],
} as unknown as Topology;

const FINDINGS = [
  { code: 'example/warning', severity: 'warning', object: 'flows[1]', message: 'a "note"\twith a tab' },
] as unknown as Finding[];

describe('VersionsRepository.create', () => {
  const suite = useTestApp();

  it('stores the jsonb Prisma create stored, reads it back equal, and refuses a taken number as a unique violation', async () => {
    const prisma = suite.app.get(PrismaService);
    const repository = suite.app.get(VersionsRepository);
    const app = await createApplication(suite.api);
    const { id: applicationId } = await prisma.application.findUniqueOrThrow({ where: { name: app } });
    const version = (number: number, guardrailVersion: number | null): NewVersion => ({
      applicationId,
      number,
      digest: `digest-${number}`,
      manifests: 'kind: NetworkPolicy\n',
      policyCount: 2,
      topology: TOPOLOGY,
      findings: FINDINGS,
      guardrailVersion,
      actor: 'token:test',
      note: 'ünïcode note',
    });

    const created = await prisma.$transaction((tx) => repository.create(version(1, null), tx));
    await prisma.policyVersion.create({
      data: {
        ...version(2, 7),
        topology: TOPOLOGY as unknown as Prisma.InputJsonObject,
        findings: FINDINGS as unknown as Prisma.InputJsonArray,
      },
    });

    const texts = await prisma.$queryRaw<{ number: number; topology: string; findings: string }[]>`
      SELECT "number", "topology"::text AS topology, "findings"::text AS findings
      FROM "PolicyVersion" WHERE "applicationId" = ${applicationId}::uuid ORDER BY "number"`;
    expect(texts).toHaveLength(2);
    expect(texts[0]!.topology).toBe(texts[1]!.topology);
    expect(texts[0]!.findings).toBe(texts[1]!.findings);

    const read = await repository.findByNumber(applicationId, 1);
    expect(read).toEqual(created);
    expect(read!.topology).toEqual(TOPOLOGY);
    expect(read!.guardrailVersion).toBeNull();
    expect((await repository.findByNumber(applicationId, 2))!.guardrailVersion).toBe(7);

    const taken = await prisma
      .$transaction((tx) => repository.create(version(2, null), tx))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(taken)).toBe(true);
  });
});
