import { Injectable } from '@nestjs/common';
import { ApplicationsService } from '../applications/applications.service';
import { AuditRepository } from '../audit/audit.repository';
import type { Requester } from '../common/access/request-context';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { PrismaService } from '../database/prisma.service';
import type { Channel } from './version.model';
import { VersionsRepository } from './versions.repository';

/**
 * Channels: named pointers (production, staging) to a published version, for CI to pull from. Moving
 * or deleting one is audited with the digests of the versions it pointed at before and after.
 */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly versions: VersionsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list({ app }: { app: string }): Promise<Channel[]> {
    const application = await this.applications.get({ name: app });
    return this.versions.listChannels(application.id);
  }

  async get({ app, channel }: { app: string; channel: string }): Promise<Channel> {
    const application = await this.applications.get({ name: app });
    const found = await this.versions.findChannel(application.id, channel);
    if (!found) throw AppError.notFound(ErrorCode.ChannelNotFound, 'channel', channel);
    return found;
  }

  /** Points a channel at an existing version (creating the channel when new). */
  async set({
    app,
    channel,
    version,
    by,
  }: {
    app: string;
    channel: string;
    version: number;
    by: Requester;
  }): Promise<{ channel: Channel; created: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const application = await this.applications.get({ name: app }, tx);
      const target = await this.versions.findByNumber(application.id, version, tx);
      if (!target) {
        throw new AppError(ErrorCode.VersionNotFound, `version ${version} of application "${app}" not found`);
      }
      const before = await this.versions.findChannel(application.id, channel, tx);
      const moved = await this.versions.upsertChannel(application.id, channel, target.id, tx);
      await this.audit.record(tx, {
        by,
        action: 'channel.set',
        application: app,
        target: channel,
        digestBefore: before?.version.digest,
        digestAfter: target.digest,
        details: { from: before?.version.number ?? null, to: target.number },
      });
      return { channel: moved, created: before === undefined };
    });
  }

  async delete({ app, channel, by }: { app: string; channel: string; by: Requester }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const application = await this.applications.get({ name: app }, tx);
      const before = await this.versions.findChannel(application.id, channel, tx);
      if (!before || !(await this.versions.deleteChannel(application.id, channel, tx))) {
        throw AppError.notFound(ErrorCode.ChannelNotFound, 'channel', channel);
      }
      await this.audit.record(tx, {
        by,
        action: 'channel.delete',
        application: app,
        target: channel,
        digestBefore: before.version.digest,
        details: { version: before.version.number },
      });
    });
  }
}
