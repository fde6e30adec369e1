import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toNamespaceListResponse, toOwnedNamespaceResponse } from './application.response';
import { ApplicationParams, GrantNamespaceBodyDto, ListNamespacesDto, NamespaceParams } from './dto/application.dto';
import { DEFAULT_NAMESPACE_PAGE_SIZE, NamespacesService } from './namespaces.service';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

/**
 * Which namespaces an application owns. Granting and revoking are admin work for all applications:
 * a grant claims a namespace for everyone.
 */
@Controller('v1')
export class NamespacesController {
  constructor(private readonly namespaces: NamespacesService) {}

  @RequiresRole('admin', { allApplications: true })
  @Get('namespaces')
  async list(@Query() query: ListNamespacesDto) {
    const page = { limit: query.limit ?? DEFAULT_NAMESPACE_PAGE_SIZE, offset: query.offset ?? 0 };
    return toNamespaceListResponse(await this.namespaces.list({ conflict: query.conflict, ...page }), page);
  }

  @RequiresRole('viewer')
  @Get('applications/:app/namespaces')
  async listOf(@Param() { app }: ApplicationParams) {
    return { items: (await this.namespaces.listOf({ app })).map(toOwnedNamespaceResponse) };
  }

  /** 201 when granted now; 200 when the grant existed (changed or confirmed). */
  @RequiresRole('admin', { allApplications: true })
  @Put('applications/:app/namespaces/:namespace')
  async grant(
    @Param() { app, namespace }: NamespaceParams,
    @Body() { shared, reserved }: GrantNamespaceBodyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const { grant, created } = await this.namespaces.grant({ app, namespace, shared, reserved, by });
    void reply.status(created ? 201 : 200);
    return toOwnedNamespaceResponse(grant);
  }

  @RequiresRole('admin', { allApplications: true })
  @Delete('applications/:app/namespaces/:namespace')
  @HttpCode(204)
  async revoke(@Param() { app, namespace }: NamespaceParams, @RequestedBy() by: Requester): Promise<void> {
    await this.namespaces.revoke({ app, namespace, by });
  }
}
