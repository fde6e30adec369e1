import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Application } from '../applications/application.model';
import { RequestedBy } from '../common/access/caller.decorator';
import type { Requester } from '../common/access/request-context';
import { ApplicationType } from '../applications/graphql/application.type';
import { AnsweringRequest, GraphqlAnswerCache } from '../common/graphql/answer-cache';
import { GraphQLJSONObject } from '../common/graphql/scalars';
import type { AllowedFlow } from '../engine';
import {
  AllowedFlowsArgs,
  ConnectivityQueryDto,
  ReachabilityQueryDto,
  parseGuardrails,
  parseVersion,
  questionOf,
} from './dto/reachability.dto';
import { AllowedFlowType, ReachabilityType } from './graphql/reachability.types';
import { toAllowedFlowResponse, toConnectivityResponse, toReachabilityResponse } from './reachability.response';
import { ReachabilityService } from './reachability.service';

/**
 * The GraphQL form of a version's allowed flows, made once per version: the service answers an
 * unfiltered query with the version's own array, so a portal's repeated query maps nothing.
 */
const flowResponses = new WeakMap<readonly AllowedFlow[], ReturnType<typeof toAllowedFlowResponse>[]>();

/** Reachability fields of Application, through the same ReachabilityService as REST. */
@Resolver(() => ApplicationType)
export class ReachabilityResolver {
  constructor(
    private readonly reachability: ReachabilityService,
    private readonly answers: GraphqlAnswerCache,
  ) {}

  @ResolveField('reachability', () => ReachabilityType, {
    description: 'May `from` open a connection to `to` on (protocol, port)?',
  })
  async reachabilityOf(
    @Parent() application: Application,
    @Args() args: ReachabilityQueryDto,
    @RequestedBy() by: Requester,
  ) {
    return toReachabilityResponse(
      await this.reachability.reachability({ app: application.name, ...questionOf(args), by }),
    );
  }

  @ResolveField(() => [AllowedFlowType], {
    description: 'Connections the policies allow between components and externals, optionally filtered by end.',
  })
  async allowedFlows(
    @Parent() application: Application,
    @Args() args: AllowedFlowsArgs,
    @AnsweringRequest() request: FastifyRequest,
  ) {
    const current = () =>
      this.reachability.allowedFlows({
        app: application.name,
        from: args.from,
        to: args.to,
        version: parseVersion(args.version),
        guardrails: parseGuardrails(args.guardrails),
      });
    const flows = await current();
    this.answers.depend(request, flows, current);
    let responses = flowResponses.get(flows);
    if (responses === undefined) flowResponses.set(flows, (responses = flows.map(toAllowedFlowResponse)));
    return responses;
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
        guardrails: parseGuardrails(args.guardrails),
        from: args.from,
        to: args.to,
      }),
    );
  }
}
