import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application.model';
import { ApplicationType } from '../applications/graphql/application.type';
import { ListVersionsDto, PublishVersionArgs, SetChannelArgs } from './dto/version.dto';
import { ChannelType, PolicyVersionType } from './graphql/version.types';
import { toChannelNode, toVersionNode, type ChannelNode, type VersionNode } from './version.response';
import { VersionLoadersFactory } from './versions.loaders';
import { ChannelsService } from './channels.service';
import { DEFAULT_VERSION_PAGE_SIZE, VersionsService } from './versions.service';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

/** Version fields of Application and the publish/channel mutations, through VersionsService and ChannelsService. */
@Resolver(() => ApplicationType)
export class VersionsResolver {
  constructor(
    private readonly versions: VersionsService,
    private readonly channelService: ChannelsService,
    private readonly loaders: VersionLoadersFactory,
  ) {}

  @ResolveField('versions', () => [PolicyVersionType], { description: 'Published versions, newest first.' })
  async versionList(
    @Parent() application: Application,
    @Args() { limit = DEFAULT_VERSION_PAGE_SIZE, offset = 0 }: ListVersionsDto,
    @Context() context: object,
  ): Promise<VersionNode[]> {
    const page = await this.loaders.for(context).versions({ limit, offset }).load(application.id);
    return page.map(toVersionNode);
  }

  @ResolveField(() => PolicyVersionType, {
    nullable: true,
    description: 'The newest version; null before any publish.',
  })
  async latestVersion(@Parent() application: Application, @Context() context: object): Promise<VersionNode | null> {
    const latest = await this.loaders.for(context).latest.load(application.id);
    return latest ? toVersionNode(latest) : null;
  }

  @ResolveField(() => [ChannelType], { description: 'Channels, in name order.' })
  async channels(@Parent() application: Application, @Context() context: object): Promise<ChannelNode[]> {
    return (await this.loaders.for(context).channels.load(application.id)).map(toChannelNode);
  }

  @RequiresRole('publisher')
  @Mutation(() => PolicyVersionType, {
    description: 'Publishes the current topology as the next version; unchanged policies answer the latest version.',
  })
  async publishVersion(
    @Args() { application, note, acceptGuardrailDenials }: PublishVersionArgs,
    @RequestedBy() by: Requester,
  ): Promise<VersionNode> {
    // GraphQL lets a nullable argument be null: the same as leaving it out.
    const published = await this.versions.publish({
      app: application,
      note: note ?? undefined,
      acceptGuardrailDenials: acceptGuardrailDenials ?? undefined,
      by,
    });
    return toVersionNode(published.version);
  }

  @RequiresRole('publisher')
  @Mutation(() => ChannelType, { description: 'Points a channel at a published version, creating it when new.' })
  async setChannel(
    @Args() { application, channel, version }: SetChannelArgs,
    @RequestedBy() by: Requester,
  ): Promise<ChannelNode> {
    return toChannelNode((await this.channelService.set({ app: application, channel, version, by })).channel);
  }
}
