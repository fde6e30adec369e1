import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Application } from './application.model';
import { ApplicationsService } from './applications.service';
import { CreateApplicationDto, ListApplicationsDto, UpdateApplicationDto } from './dto/application.dto';
import { ApplicationPageType, ApplicationType } from './graphql/application.type';
import { Caller, RequestedBy } from '../common/access/caller.decorator';
import { type Principal, scopeOf, type Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Resolver(() => ApplicationType)
export class ApplicationsResolver {
  constructor(private readonly applications: ApplicationsService) {}

  @RequiresRole('viewer')
  @Query(() => ApplicationPageType, { name: 'applications' })
  list(
    @Args() page: ListApplicationsDto,
    @Caller() caller: Principal,
  ): Promise<{ items: Application[]; total: number }> {
    return this.applications.list({ ...page, scope: scopeOf(caller) });
  }

  @RequiresRole('viewer', { applicationArg: 'name' })
  @Query(() => ApplicationType, { name: 'application' })
  get(@Args('name') name: string): Promise<Application> {
    return this.applications.get({ name });
  }

  @RequiresRole('admin', { allApplications: true })
  @Mutation(() => ApplicationType)
  createApplication(@Args('input') input: CreateApplicationDto, @RequestedBy() by: Requester): Promise<Application> {
    return this.applications.create({ ...input, by });
  }

  @RequiresRole('editor', { applicationArg: 'name' })
  @Mutation(() => ApplicationType)
  updateApplication(
    @Args('name') name: string,
    @Args('input') input: UpdateApplicationDto,
    @RequestedBy() by: Requester,
  ): Promise<Application> {
    return this.applications.update({ name, changes: input, by });
  }

  @RequiresRole('admin', { applicationArg: 'name' })
  @Mutation(() => Boolean, { description: 'Deletes the application with its whole topology; true when done.' })
  async deleteApplication(@Args('name') name: string, @RequestedBy() by: Requester): Promise<boolean> {
    await this.applications.delete({ name, by });
    return true;
  }
}
