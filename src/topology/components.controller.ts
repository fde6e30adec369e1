import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApplicationParams } from '../applications/dto/application.dto';
import { ComponentParams } from './dto/params.dto';
import { PutComponentDto } from './dto/topology.dto';
import { toComponentResponse } from './topology.response';
import { TopologyService } from './topology.service';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Controller('v1/applications/:app/components')
export class ComponentsController {
  constructor(private readonly topology: TopologyService) {}

  @RequiresRole('viewer')
  @Get()
  async list(@Param() { app }: ApplicationParams) {
    return { items: (await this.topology.listComponents({ app })).map(toComponentResponse) };
  }

  @RequiresRole('viewer')
  @Get(':component')
  async get(@Param() { app, component }: ComponentParams) {
    return toComponentResponse(await this.topology.getComponent({ app, name: component }));
  }

  /** Creates (201) or replaces (200) the component. */
  @RequiresRole('editor')
  @Put(':component')
  async put(
    @Param() { app, component }: ComponentParams,
    @Body() body: PutComponentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const result = await this.topology.putComponent({ app, name: component, input: body, by });
    void reply.status(result.created ? 201 : 200);
    return toComponentResponse(result.component);
  }

  @RequiresRole('editor')
  @Delete(':component')
  @HttpCode(204)
  async delete(@Param() { app, component }: ComponentParams, @RequestedBy() by: Requester): Promise<void> {
    await this.topology.deleteComponent({ app, name: component, by });
  }
}
