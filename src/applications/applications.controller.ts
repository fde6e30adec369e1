import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { toApplicationListResponse, toApplicationResponse } from './application.response';
import { DEFAULT_PAGE_SIZE, ApplicationsService } from './applications.service';
import {
  ApplicationParams,
  CreateApplicationDto,
  ListApplicationsDto,
  UpdateApplicationDto,
} from './dto/application.dto';
import { Caller, RequestedBy } from '../common/access/caller.decorator';
import { type Principal, scopeOf, type Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Controller('v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @RequiresRole('admin', { allApplications: true })
  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateApplicationDto, @RequestedBy() by: Requester) {
    return toApplicationResponse(await this.applications.create({ ...body, by }));
  }

  @RequiresRole('viewer')
  @Get()
  async list(@Query() query: ListApplicationsDto, @Caller() caller: Principal) {
    const page = { limit: query.limit ?? DEFAULT_PAGE_SIZE, offset: query.offset ?? 0 };
    return toApplicationListResponse(await this.applications.list({ ...page, scope: scopeOf(caller) }), page);
  }

  @RequiresRole('viewer')
  @Get(':app')
  async get(@Param() { app }: ApplicationParams) {
    return toApplicationResponse(await this.applications.get({ name: app }));
  }

  @RequiresRole('editor')
  @Patch(':app')
  async update(@Param() { app }: ApplicationParams, @Body() body: UpdateApplicationDto, @RequestedBy() by: Requester) {
    return toApplicationResponse(await this.applications.update({ name: app, changes: body, by }));
  }

  @RequiresRole('admin')
  @Delete(':app')
  @HttpCode(204)
  async delete(@Param() { app }: ApplicationParams, @RequestedBy() by: Requester): Promise<void> {
    await this.applications.delete({ name: app, by });
  }
}
