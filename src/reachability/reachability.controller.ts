import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApplicationParams } from '../applications/dto/application.dto';
import type { Protocol } from '../engine';
import { ConnectivityQueryDto, ReachabilityQueryDto, parseVersion } from './dto/reachability.dto';
import { toConnectivityResponse, toReachabilityResponse } from './reachability.response';
import { ReachabilityService } from './reachability.service';
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
    @Param() { app }: ApplicationParams,
    @Query() query: ReachabilityQueryDto,
    @RequestedBy() by: Requester,
  ) {
    const { from, to, port, protocol, version } = query;
    return toReachabilityResponse(
      await this.reachability.reachability({
        app,
        from,
        to,
        port,
        protocol: protocol as Protocol | undefined,
        version: parseVersion(version),
        by,
      }),
    );
  }

  @RequiresRole('viewer')
  @Get('connectivity')
  async connectivity(@Param() { app }: ApplicationParams, @Query() { version, from, to }: ConnectivityQueryDto) {
    return toConnectivityResponse(
      await this.reachability.connectivity({ app, version: parseVersion(version), from, to }),
    );
  }
}
