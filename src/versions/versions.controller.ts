import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApplicationParams } from '../applications/dto/application.dto';
import { GuardrailsQueryDto, parseGuardrails } from '../guardrails/dto/guardrails.dto';
import { ListVersionsDto, PublishVersionDto, VersionDiffParams, VersionParams } from './dto/version.dto';
import { IMMUTABLE, REVALIDATE, sendManifests } from './manifests.http';
import { toVersionListResponse, toVersionResponse } from './version.response';
import { listJsonOf, toListJson } from '../engine';
import { DEFAULT_VERSION_PAGE_SIZE, VersionsService } from './versions.service';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

type PullHeaders = { accept?: string; 'if-none-match'?: string };

@Controller('v1/applications/:app')
export class VersionsController {
  constructor(private readonly versions: VersionsService) {}

  /** 201 with a new version; 200 with the latest one when the draft is unchanged. */
  @RequiresRole('publisher')
  @Post('versions')
  async publish(
    @Param() { app }: ApplicationParams,
    @Body() { note, acceptGuardrailDenials }: PublishVersionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const { version, created } = await this.versions.publish({ app, note, acceptGuardrailDenials, by });
    void reply.status(created ? 201 : 200);
    return toVersionResponse(version);
  }

  @RequiresRole('viewer')
  @Get('versions')
  async list(@Param() { app }: ApplicationParams, @Query() query: ListVersionsDto) {
    const page = { limit: query.limit ?? DEFAULT_VERSION_PAGE_SIZE, offset: query.offset ?? 0 };
    return toVersionListResponse(await this.versions.list({ app, ...page }), page);
  }

  @RequiresRole('viewer')
  @Get('versions/:v')
  async get(@Param() { app, v }: VersionParams) {
    return toVersionResponse(await this.versions.get({ app, version: v }));
  }

  @RequiresRole('viewer')
  @Get('versions/:v/manifests')
  async manifests(
    @Param() { app, v }: VersionParams,
    @Headers() headers: PullHeaders,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = await this.versions.get({ app, version: v });
    const body = { ...version, listJson: () => listJsonOf(version) };
    return sendManifests(reply, headers, body, v === 'latest' ? REVALIDATE : IMMUTABLE);
  }

  @RequiresRole('viewer')
  @Get('versions/:v/diff/:other')
  async diff(@Param() { app, v, other }: VersionDiffParams, @Query() { guardrails }: GuardrailsQueryDto) {
    return this.versions.diff({ app, from: v, to: other, guardrails: parseGuardrails(guardrails) });
  }

  /** The draft: what a publish would produce now, served like a version's manifests. */
  @RequiresRole('viewer')
  @Get('policies')
  @HttpCode(200)
  async draft(
    @Param() { app }: ApplicationParams,
    @Headers() headers: PullHeaders,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const draft = await this.versions.draft({ app });
    return sendManifests(reply, headers, { ...draft, listJson: () => toListJson(draft.policies) }, REVALIDATE);
  }
}
