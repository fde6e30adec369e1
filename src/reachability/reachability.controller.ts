import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApplicationParams } from '../applications/dto/application.dto';
import {
  ConnectivityQueryDto,
  ReachabilityQueryDto,
  parseGuardrails,
  parseVersion,
  questionOf,
} from './dto/reachability.dto';
import { reachabilityResponseJson, toConnectivityResponse, toReachabilityResponse } from './reachability.response';
import { ReachabilityService, type ReachabilityAnswer } from './reachability.service';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { RequiresRole } from '../common/access/requires-role.decorator';

/** Questions about one version of an application's policies. */
@Controller('v1/applications/:app')
export class ReachabilityController {
  constructor(private readonly reachability: ReachabilityService) {}

  @RequiresRole('viewer')
  @Get('reachability')
  async reachabilityOf(
    @Param() params: ApplicationParams,
    @Query() query: ReachabilityQueryDto,
    @RequestedBy() by: Requester,
  ) {
    return toReachabilityResponse(await this.answerOf(params, query, by));
  }

  /**
   * reachabilityOf's answer as the JSON text it serializes to, for the route's fast path
   * (ReachabilityHook), which sends it as it is: the same question on the same version is serialized
   * once, only the decision id per answer.
   */
  async reachabilityJsonOf(params: ApplicationParams, query: ReachabilityQueryDto, by: Requester): Promise<string> {
    return reachabilityResponseJson(await this.answerOf(params, query, by));
  }

  private answerOf(
    { app }: ApplicationParams,
    query: ReachabilityQueryDto,
    by: Requester,
  ): Promise<ReachabilityAnswer> {
    return this.reachability.reachability({ app, ...questionOf(query), by });
  }

  @RequiresRole('viewer')
  @Get('connectivity')
  async connectivity(
    @Param() { app }: ApplicationParams,
    @Query() { version, guardrails, from, to }: ConnectivityQueryDto,
  ) {
    return toConnectivityResponse(
      await this.reachability.connectivity({
        app,
        version: parseVersion(version),
        guardrails: parseGuardrails(guardrails),
        from,
        to,
      }),
    );
  }
}
