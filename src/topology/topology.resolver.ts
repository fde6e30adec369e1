import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application.model';
import { ApplicationType } from '../applications/graphql/application.type';
import type { Component, External } from '../engine';
import { CreateFlowDto, PutComponentDto, PutExternalDto, TopologyDocumentDto } from './dto/topology.dto';
import { ComponentType, ExternalType, FlowType, TopologyType } from './graphql/topology.types';
import { TopologyLoadersFactory } from './topology.loaders';
import type { StoredFlow, StoredTopology } from './topology.model';
import { topologyEtag } from './topology.etag';
import { TopologyService } from './topology.service';
import { RequiresRole } from '../common/access/requires-role.decorator';

/** Relation fields of Application, and the topology mutations; all through TopologyService. */
@Resolver(() => ApplicationType)
export class TopologyResolver {
  constructor(
    private readonly topologies: TopologyService,
    private readonly loaders: TopologyLoadersFactory,
  ) {}

  @ResolveField(() => [ComponentType])
  components(@Parent() application: Application, @Context() context: object): Promise<Component[]> {
    return this.loaders.for(context).components.load(application.id);
  }

  @ResolveField(() => [ExternalType])
  externals(@Parent() application: Application, @Context() context: object): Promise<External[]> {
    return this.loaders.for(context).externals.load(application.id);
  }

  @ResolveField(() => [FlowType])
  flows(@Parent() application: Application, @Context() context: object): Promise<StoredFlow[]> {
    return this.loaders.for(context).flows.load(application.id);
  }

  @RequiresRole('viewer')
  @Query(() => TopologyType, { description: 'The whole topology of an application.' })
  async topology(@Args('application') app: string): Promise<StoredTopology & { etag: string }> {
    return withEtag(app, await this.topologies.get({ app }));
  }

  @RequiresRole('editor')
  @Mutation(() => TopologyType, {
    description:
      'Replaces the whole topology atomically. With ifMatch (the etag of the topology read before editing), ' +
      'a topology changed meanwhile is refused with topology/precondition_failed instead of overwritten.',
  })
  async putTopology(
    @Args('application') app: string,
    @Args('input') input: TopologyDocumentDto,
    @Args('ifMatch', {
      type: () => String,
      nullable: true,
      description: 'The etag of the topology this edit starts from, or *.',
    })
    ifMatch: string | null | undefined,
    @RequestedBy() by: Requester,
  ): Promise<StoredTopology & { etag: string }> {
    return withEtag(app, await this.topologies.replace({ app, document: input, ifMatch: ifMatch ?? undefined, by }));
  }

  @RequiresRole('editor')
  @Mutation(() => ComponentType, { description: 'Creates or replaces a component.' })
  async putComponent(
    @Args('application') app: string,
    @Args('name') name: string,
    @Args('input') input: PutComponentDto,
    @RequestedBy() by: Requester,
  ): Promise<Component> {
    return (await this.topologies.putComponent({ app, name, input, by })).component;
  }

  @RequiresRole('editor')
  @Mutation(() => Boolean)
  async deleteComponent(
    @Args('application') app: string,
    @Args('name') name: string,
    @RequestedBy() by: Requester,
  ): Promise<boolean> {
    await this.topologies.deleteComponent({ app, name, by });
    return true;
  }

  @RequiresRole('editor')
  @Mutation(() => ExternalType, { description: 'Creates or replaces an external network.' })
  async putExternal(
    @Args('application') app: string,
    @Args('name') name: string,
    @Args('input') input: PutExternalDto,
    @RequestedBy() by: Requester,
  ): Promise<External> {
    return (await this.topologies.putExternal({ app, name, input, by })).external;
  }

  @RequiresRole('editor')
  @Mutation(() => Boolean)
  async deleteExternal(
    @Args('application') app: string,
    @Args('name') name: string,
    @RequestedBy() by: Requester,
  ): Promise<boolean> {
    await this.topologies.deleteExternal({ app, name, by });
    return true;
  }

  @RequiresRole('editor')
  @Mutation(() => FlowType)
  createFlow(
    @Args('application') app: string,
    @Args('input') input: CreateFlowDto,
    @RequestedBy() by: Requester,
  ): Promise<StoredFlow> {
    return this.topologies.createFlow({ app, input, by });
  }

  @RequiresRole('editor')
  @Mutation(() => Boolean)
  async deleteFlow(
    @Args('application') app: string,
    @Args('id') id: string,
    @RequestedBy() by: Requester,
  ): Promise<boolean> {
    await this.topologies.deleteFlow({ app, id, by });
    return true;
  }
}

function withEtag(app: string, topology: StoredTopology): StoredTopology & { etag: string } {
  return { ...topology, etag: topologyEtag(app, topology) };
}
