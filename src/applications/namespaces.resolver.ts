import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { OwnedNamespace } from './application.model';
import { GrantNamespaceArgs, ListNamespacesDto, NamespaceArgs } from './dto/application.dto';
import { OwnedNamespacePageType, OwnedNamespaceType } from './graphql/application.type';
import { type NamespaceListing, NamespacesService } from './namespaces.service';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Resolver()
export class NamespacesResolver {
  constructor(private readonly namespaces: NamespacesService) {}

  @RequiresRole('admin', { allApplications: true })
  @Query(() => OwnedNamespacePageType, {
    name: 'namespaces',
    description: 'Every owned namespace with its owners; conflict: true lists those awaiting a decision.',
  })
  list(@Args() query: ListNamespacesDto): Promise<{ items: NamespaceListing[]; total: number }> {
    return this.namespaces.list(query);
  }

  @RequiresRole('admin', { allApplications: true })
  @Mutation(() => OwnedNamespaceType, {
    description: 'Grants a namespace to the application, or changes or confirms its grant.',
  })
  async grantNamespace(
    @Args() { application, namespace, shared, reserved }: GrantNamespaceArgs,
    @RequestedBy() by: Requester,
  ): Promise<OwnedNamespace> {
    return (await this.namespaces.grant({ app: application, namespace, shared, reserved, by })).grant;
  }

  @RequiresRole('admin', { allApplications: true })
  @Mutation(() => Boolean, { description: 'Takes a namespace from the application; true when done.' })
  async revokeNamespace(
    @Args() { application, namespace }: NamespaceArgs,
    @RequestedBy() by: Requester,
  ): Promise<boolean> {
    await this.namespaces.revoke({ app: application, namespace, by });
    return true;
  }
}
