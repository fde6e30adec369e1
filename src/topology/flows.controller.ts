import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApplicationParams } from '../applications/dto/application.dto';
import { FlowFilterDto, FlowParams } from './dto/params.dto';
import { CreateFlowDto } from './dto/topology.dto';
import { toFlowResponse } from './topology.response';
import { TopologyService } from './topology.service';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Controller('v1/applications/:app/flows')
export class FlowsController {
  constructor(private readonly topology: TopologyService) {}

  @RequiresRole('editor')
  @Post()
  @HttpCode(201)
  async create(@Param() { app }: ApplicationParams, @Body() body: CreateFlowDto, @RequestedBy() by: Requester) {
    return toFlowResponse(await this.topology.createFlow({ app, input: body, by }));
  }

  /** Flows of the application, optionally only those from and/or to a named component or external. */
  @RequiresRole('viewer')
  @Get()
  async list(@Param() { app }: ApplicationParams, @Query() filter: FlowFilterDto) {
    return { items: (await this.topology.listFlows({ app, ...filter })).map(toFlowResponse) };
  }

  @RequiresRole('viewer')
  @Get(':id')
  async get(@Param() { app, id }: FlowParams) {
    return toFlowResponse(await this.topology.getFlow({ app, id }));
  }

  @RequiresRole('editor')
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param() { app, id }: FlowParams, @RequestedBy() by: Requester): Promise<void> {
    await this.topology.deleteFlow({ app, id, by });
  }
}
