import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application.model';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { ApplicationType } from '../applications/graphql/application.type';
import { GraphQLJSONObject } from '../common/graphql/scalars';
import type { Protocol } from '../engine';
import { AllowedFlowsArgs, ConnectivityQueryDto, ReachabilityQueryDto, parseVersion } from './dto/reachability.dto';
import { AllowedFlowType, ReachabilityType } from './graphql/reachability.types';
import { toAllowedFlowResponse, toConnectivityResponse, toReachabilityResponse } from './reachability.response';
import { ReachabilityService } from './reachability.service';

/** Reachability fields of Application, through the same ReachabilityService as REST. */
@Resolver(() => ApplicationType)
export class ReachabilityResolver {
  constructor(private readonly reachability: ReachabilityService) {}

  @ResolveField('reachability', () => ReachabilityType, {
    description: 'May `from` open a connection to `to` on (protocol, port)?',
  })
  async reachabilityOf(
    @Parent() application: Application,
    @Args() args: ReachabilityQueryDto,
    @RequestedBy() by: Requester,
  ) {
    const { from, to, port, protocol, version } = args;
    return toReachabilityResponse(
      await this.reachability.reachability({
        app: application.name,
        from,
        to,
        port,
        protocol: protocol as Protocol | undefined,
        version: parseVersion(version),
        by,
      }),
    );
  }

  @ResolveField(() => [AllowedFlowType], {
    description: 'Connections the policies allow between components and externals, optionally filtered by end.',
  })
  async allowedFlows(@Parent() application: Application, @Args() args: AllowedFlowsArgs) {
    const flows = await this.reachability.allowedFlows({
      app: application.name,
      from: args.from,
      to: args.to,
      version: parseVersion(args.version),
    });
    return flows.map(toAllowedFlowResponse);
  }

  @ResolveField(() => GraphQLJSONObject, {
    description:
      'Connectivity in the conformance format: { workloads, externalPeers, connections, components, version }; `from`/`to` keep only the connections of one component, namespace or workload.',
  })
  async connectivity(@Parent() application: Application, @Args() args: ConnectivityQueryDto) {
    return toConnectivityResponse(
      await this.reachability.connectivity({
        app: application.name,
        version: parseVersion(args.version),
        from: args.from,
        to: args.to,
      }),
    );
  }
}
