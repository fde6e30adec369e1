import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';
import { prefersYaml } from '../common/http/content-negotiation';
import {
  GuardrailsDocumentDto,
  GuardrailVersionParams,
  ListGuardrailVersionsDto,
  PublishGuardrailsDto,
} from './dto/guardrails.dto';
import type { StoredGuardrails } from './guardrail.model';
import { toGuardrailVersionListResponse, toGuardrailVersionResponse } from './guardrail.response';
import { DEFAULT_GUARDRAIL_PAGE_SIZE, etagOf, GuardrailsService } from './guardrails.service';

/**
 * The cluster's guardrails, as one document replaced atomically (admins, with a token for all
 * applications: they bind every application), published as numbered versions. Anyone may read them:
 * an application team needs to know what its flows must fit in.
 */
@Controller('v1/guardrails')
export class GuardrailsController {
  constructor(private readonly guardrails: GuardrailsService) {}

  @RequiresRole('viewer')
  @Get()
  async get(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return render(await this.guardrails.get(), accept, reply);
  }

  @RequiresRole('admin', { allApplications: true })
  @Put()
  async put(
    @Body() { items }: GuardrailsDocumentDto,
    @Headers() headers: { accept?: string; 'if-match'?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const stored = await this.guardrails.replace({ items, ifMatch: headers['if-match'], by });
    return render(stored, headers.accept, reply);
  }

  /** 201 with a new version; 200 with the latest one when the document is unchanged. */
  @RequiresRole('admin', { allApplications: true })
  @Post('versions')
  async publish(
    @Body() { note }: PublishGuardrailsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const { version, created } = await this.guardrails.publish({ note, by });
    void reply.status(created ? 201 : 200);
    return toGuardrailVersionResponse(version);
  }

  @RequiresRole('viewer')
  @Get('versions')
  async list(@Query() query: ListGuardrailVersionsDto) {
    const page = { limit: query.limit ?? DEFAULT_GUARDRAIL_PAGE_SIZE, offset: query.offset ?? 0 };
    return toGuardrailVersionListResponse(await this.guardrails.listVersions(page), page);
  }

  @RequiresRole('viewer')
  @Get('versions/:v')
  async version(@Param() { v }: GuardrailVersionParams) {
    return toGuardrailVersionResponse(await this.guardrails.getVersion({ version: v }));
  }
}

function render(stored: StoredGuardrails, accept: string | undefined, reply: FastifyReply) {
  void reply.header('etag', etagOf(stored.digest));
  if (!prefersYaml(accept)) return stored.document;
  void reply.header('content-type', 'application/yaml; charset=utf-8');
  return stringify(stored.document, { sortMapEntries: false });
}
