import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { ApplicationParams } from '../applications/dto/application.dto';
import { prefersYaml } from '../common/http/content-negotiation';
import { RequiresRole } from '../common/access/requires-role.decorator';
import { TopologyDocumentDto } from './dto/topology.dto';
import { topologyEtag } from './topology.etag';
import type { StoredTopology } from './topology.model';
import { toTopologyDocument } from './topology.response';
import { TopologyService } from './topology.service';

/**
 * Topology-as-code: the whole topology as one document, in JSON or YAML, replaced atomically. Both
 * answers carry the document's ETag; a PUT with If-Match is refused (412) when the document changed since.
 */
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
    return render(app, await this.topology.get({ app }), accept, reply);
  }

  @RequiresRole('editor')
  @Put()
  async put(
    @Param() { app }: ApplicationParams,
    @Body() body: TopologyDocumentDto,
    @Headers() headers: { accept?: string; 'if-match'?: string },
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestedBy() by: Requester,
  ) {
    const stored = await this.topology.replace({ app, document: body, ifMatch: headers['if-match'], by });
    return render(app, stored, headers.accept, reply);
  }
}

function render(app: string, topology: StoredTopology, accept: string | undefined, reply: FastifyReply) {
  void reply.header('etag', topologyEtag(app, topology));
  const document = toTopologyDocument(app, topology);
  if (!prefersYaml(accept)) return document;
  void reply.header('content-type', 'application/yaml; charset=utf-8');
  return stringify(document, { sortMapEntries: false });
}
