import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApplicationParams } from '../applications/dto/application.dto';
import { ExternalParams } from './dto/params.dto';
import { PutExternalDto } from './dto/topology.dto';
import { toExternalResponse } from './topology.response';
import { TopologyService } from './topology.service';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Controller('v1/applications/:app/externals')
export class ExternalsController {
  constructor(private readonly topology: TopologyService) {}

  @RequiresRole('viewer')
  @Get()
  async list(@Param() { app }: ApplicationParams) {
    return { items: (await this.topology.listExternals({ app })).map(toExternalResponse) };
  }

  @RequiresRole('viewer')
  @Get(':external')
  async get(@Param() { app, external }: ExternalParams) {
    return toExternalResponse(await this.topology.getExternal({ app, name: external }));
  }

  /** Creates (201) or replaces (200) the external network. */
  @RequiresRole('editor')
  @Put(':external')
  async put(
    @Param() { app, external }: ExternalParams,
    @Body() body: PutExternalDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const result = await this.topology.putExternal({ app, name: external, input: body, by });
    void reply.status(result.created ? 201 : 200);
    return toExternalResponse(result.external);
  }

  @RequiresRole('editor')
  @Delete(':external')
  @HttpCode(204)
  async delete(@Param() { app, external }: ExternalParams, @RequestedBy() by: Requester): Promise<void> {
    await this.topology.deleteExternal({ app, name: external, by });
  }
}
