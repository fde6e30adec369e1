import {
  FakeDatabase,
  fakeApplicationsService,
  fakeAuditRepository,
  fakeVersionsRepository,
  refusal,
  SOMEONE,
} from '../../test/support/fakes';
import type { PolicyVersion } from './version.model';
import { ChannelsService } from './channels.service';

function newTestService() {
  const db = new FakeDatabase();
  const sut = new ChannelsService(
    db.prisma,
    fakeApplicationsService(db),
    fakeVersionsRepository(db),
    fakeAuditRepository(db),
  );
  const app = db.addApplication('shop');
  const version = (number: number): PolicyVersion => ({
    id: `v${number}`,
    applicationId: app.id,
    number,
    digest: `digest-${number}`,
    manifests: '',
    policyCount: 0,
    topology: { name: 'shop', components: [], externals: [], flows: [] },
    findings: [],
    guardrailVersion: null,
    actor: 'ci',
    note: '',
    createdAt: new Date(0),
  });
  db.state.versions.push(version(1), version(2));
  return { sut, db };
}

describe('ChannelsService (fake repositories)', () => {
  it('creates a channel, moves it, and audits both with the digests of the versions', async () => {
    const { sut, db } = newTestService();
    const created = await sut.set({ app: 'shop', channel: 'production', version: 1, by: SOMEONE });
    expect(created.created).toBe(true);
    expect(created.channel.version.number).toBe(1);
    const moved = await sut.set({ app: 'shop', channel: 'production', version: 2, by: SOMEONE });
    expect(moved.created).toBe(false);
    expect((await sut.get({ app: 'shop', channel: 'production' })).version.number).toBe(2);
    expect(
      db.state.audit.map(({ action, target, digestBefore, digestAfter, details }) => ({
        action,
        target,
        digestBefore,
        digestAfter,
        details,
      })),
    ).toEqual([
      {
        action: 'channel.set',
        target: 'production',
        digestBefore: undefined,
        digestAfter: 'digest-1',
        details: { from: null, to: 1 },
      },
      {
        action: 'channel.set',
        target: 'production',
        digestBefore: 'digest-1',
        digestAfter: 'digest-2',
        details: { from: 1, to: 2 },
      },
    ]);
  });

  it('refuses a version that is not published (404) and writes nothing', async () => {
    const { sut, db } = newTestService();
    const before = structuredClone(db.state);
    expect(await refusal(sut.set({ app: 'shop', channel: 'production', version: 3, by: SOMEONE }))).toEqual({
      code: 'version/not_found',
      fields: [],
      details: undefined,
    });
    expect(db.state).toEqual(before);
  });

  it('deletes a channel with an audit event; an unknown one is a 404', async () => {
    const { sut, db } = newTestService();
    await sut.set({ app: 'shop', channel: 'staging', version: 2, by: SOMEONE });
    await sut.delete({ app: 'shop', channel: 'staging', by: SOMEONE });
    expect(await sut.list({ app: 'shop' })).toEqual([]);
    expect(db.state.audit.at(-1)).toMatchObject({
      action: 'channel.delete',
      digestBefore: 'digest-2',
      details: { version: 2 },
    });
    expect((await refusal(sut.delete({ app: 'shop', channel: 'staging', by: SOMEONE }))).code).toBe(
      'channel/not_found',
    );
    expect((await refusal(sut.get({ app: 'shop', channel: 'staging' }))).code).toBe('channel/not_found');
  });
});
