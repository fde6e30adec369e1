import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Application } from './application.model';
import { ApplicationsService } from './applications.service';
import { CreateApplicationDto, ListApplicationsDto, UpdateApplicationDto } from './dto/application.dto';
import { ApplicationPageType, ApplicationType } from './graphql/application.type';

@Resolver(() => ApplicationType)
export class ApplicationsResolver {
  constructor(private readonly applications: ApplicationsService) {}

  @Query(() => ApplicationPageType, { name: 'applications' })
  list(@Args() page: ListApplicationsDto): Promise<{ items: Application[]; total: number }> {
    return this.applications.list(page);
  }

  @Query(() => ApplicationType, { name: 'application' })
  get(@Args('name') name: string): Promise<Application> {
    return this.applications.get({ name });
  }

  @Mutation(() => ApplicationType)
  createApplication(@Args('input') input: CreateApplicationDto): Promise<Application> {
    return this.applications.create(input);
  }

  @Mutation(() => ApplicationType)
  updateApplication(@Args('name') name: string, @Args('input') input: UpdateApplicationDto): Promise<Application> {
    return this.applications.update({ name, changes: input });
  }

  @Mutation(() => Boolean, { description: 'Deletes the application with its whole topology; true when done.' })
  async deleteApplication(@Args('name') name: string): Promise<boolean> {
    await this.applications.delete({ name });
    return true;
  }
}
