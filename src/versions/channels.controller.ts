import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApplicationParams } from '../applications/dto/application.dto';
import { ChannelParams, SetChannelDto } from './dto/version.dto';
import { REVALIDATE, sendManifests } from './manifests.http';
import { toChannelResponse } from './version.response';
import { listJsonOf } from '../engine';
import { ChannelsService } from './channels.service';
import { RequiresRole } from '../common/access/requires-role.decorator';

/** Channels: named pointers (production, staging) to a published version, for CI to pull from. */
@Controller('v1/applications/:app/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @RequiresRole('viewer')
  @Get()
  async list(@Param() { app }: ApplicationParams) {
    return { items: (await this.channels.list({ app })).map(toChannelResponse) };
  }

  @RequiresRole('viewer')
  @Get(':channel')
  async get(@Param() { app, channel }: ChannelParams) {
    return toChannelResponse(await this.channels.get({ app, channel }));
  }

  /** 201 when the channel is new, 200 when it moved (or already pointed there). */
  @RequiresRole('publisher')
  @Put(':channel')
  async set(
    @Param() { app, channel }: ChannelParams,
    @Body() { version }: SetChannelDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const result = await this.channels.set({ app, channel, version, by });
    void reply.status(result.created ? 201 : 200);
    return toChannelResponse(result.channel);
  }

  @RequiresRole('publisher')
  @Delete(':channel')
  @HttpCode(204)
  async delete(@Param() { app, channel }: ChannelParams, @RequestedBy() by: Requester): Promise<void> {
    await this.channels.delete({ app, channel, by });
  }

  /** The manifests of the version the channel points at; the channel moves, so caches revalidate. */
  @RequiresRole('viewer')
  @Get(':channel/manifests')
  async manifests(
    @Param() { app, channel }: ChannelParams,
    @Headers() headers: { accept?: string; 'if-none-match'?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { version } = await this.channels.get({ app, channel });
    return sendManifests(reply, headers, { ...version, listJson: () => listJsonOf(version) }, REVALIDATE);
  }
}
