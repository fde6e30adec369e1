import { Body, Controller, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApplicationParams } from '../applications/dto/application.dto';
import type { Protocol } from '../engine';
import { VersionQueryDto, parseVersion } from '../reachability/dto/reachability.dto';
import { toDriftResponse, toManifestsConnectivityResponse, toManifestsReachabilityResponse } from './analysis.response';
import { AnalysisService } from './analysis.service';
import {
  AnalysisConnectivityDto,
  AnalysisConnectivityQueryDto,
  AnalysisReachabilityDto,
  AnalysisReachabilityQueryDto,
  ManifestsDto,
  analysisOptionsOf,
} from './dto/analysis.dto';
import { RequiresRole } from '../common/access/requires-role.decorator';

/** Analyses of uploaded Kubernetes manifests: nothing is stored, so POST answers 200. */
@Controller('v1/analysis')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  /**
   * `from`/`to` and the options come in the JSON body, or in the query string beside a YAML body;
   * the body wins.
   */
  @RequiresRole('viewer')
  @Post('connectivity')
  @HttpCode(200)
  connectivity(@Body() body: AnalysisConnectivityDto, @Query() query: AnalysisConnectivityQueryDto) {
    return toManifestsConnectivityResponse(
      this.analysis.connectivity({
        manifests: body.manifests,
        options: analysisOptionsOf(body, query),
        from: body.from ?? query.from,
        to: body.to ?? query.to,
      }),
    );
  }

  /** The question comes in the JSON body, or in the query string beside a YAML body; the body wins. */
  @RequiresRole('viewer')
  @Post('reachability')
  @HttpCode(200)
  reachability(@Body() body: AnalysisReachabilityDto, @Query() query: AnalysisReachabilityQueryDto) {
    return toManifestsReachabilityResponse(
      this.analysis.reachability({
        manifests: body.manifests,
        from: body.from ?? query.from,
        to: body.to ?? query.to,
        port: body.port ?? query.port,
        protocol: (body.protocol ?? query.protocol) as Protocol | undefined,
        options: analysisOptionsOf(body, query),
      }),
    );
  }
}

/** The declared flows of an application against the policies live in a cluster. */
@Controller('v1/applications/:app/drift')
export class DriftController {
  constructor(private readonly analysis: AnalysisService) {}

  @RequiresRole('viewer')
  @Post()
  @HttpCode(200)
  async drift(
    @Param() { app }: ApplicationParams,
    @Body() { manifests }: ManifestsDto,
    @Query() { version }: VersionQueryDto,
  ) {
    return toDriftResponse(await this.analysis.drift({ app, manifests, version: parseVersion(version) }));
  }
}
