import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { ApplicationParams } from '../applications/dto/application.dto';
import { prefersYaml } from '../common/http/content-negotiation';
import { RequiresRole } from '../auth/requires-role.decorator';
import { TopologyDocumentDto } from './dto/topology.dto';
import { toTopologyDocument } from './topology.response';
import { TopologyService } from './topology.service';

/** Topology-as-code: the whole topology as one document, in JSON or YAML, replaced atomically. */
@Controller('v1/applications/:app/topology')
export class TopologyController {
  constructor(private readonly topology: TopologyService) {}

  @RequiresRole('viewer')
  @Get()
  async get(
    @Param() { app }: ApplicationParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return render(toTopologyDocument(app, await this.topology.get({ app })), accept, reply);
  }

  @RequiresRole('editor')
  @Put()
  async put(
    @Param() { app }: ApplicationParams,
    @Body() body: TopologyDocumentDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return render(toTopologyDocument(app, await this.topology.replace({ app, document: body })), accept, reply);
  }
}

function render(document: ReturnType<typeof toTopologyDocument>, accept: string | undefined, reply: FastifyReply) {
  if (!prefersYaml(accept)) return document;
  void reply.header('content-type', 'application/yaml; charset=utf-8');
  return stringify(document, { sortMapEntries: false });
}
