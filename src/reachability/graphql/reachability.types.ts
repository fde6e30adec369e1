import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ProtocolEnum } from '../../common/graphql/scalars';

@ObjectType('AnalyzedVersion', { description: 'The version an answer is about; number is null for the draft.' })
export class AnalyzedVersionType {
  @Field(() => Int, { nullable: true })
  number!: number | null;

  @Field()
  digest!: string;
}

@ObjectType('RuleRef', { description: 'A rule that admits a connection: the index in ingress[] or egress[].' })
export class RuleRefType {
  @Field({ description: 'namespace/name of the NetworkPolicy.' })
  policy!: string;

  @Field()
  direction!: string;

  @Field(() => Int)
  rule!: number;
}

@ObjectType('AdminRuleRef', {
  description: 'An AdminNetworkPolicy rule: its policy name and index in ingress[] or egress[].',
})
export class AdminRuleRefType {
  @Field()
  policy!: string;

  @Field(() => Int)
  rule!: number;

  @Field(() => String, { nullable: true })
  ruleName?: string;
}

@ObjectType('TierDecision', {
  description:
    'Which tier decided a direction: admin (an AdminNetworkPolicy), networkpolicy, baseline (the BaselineAdminNetworkPolicy) or default.',
})
export class TierDecisionType {
  @Field({ description: 'admin, networkpolicy, baseline or default.' })
  tier!: string;

  @Field({ description: 'Allow or Deny.' })
  action!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The AdminNetworkPolicy or baseline name, or the NetworkPolicy (namespace/name); null for the default.',
  })
  policy?: string;

  @Field(() => Int, { nullable: true, description: 'Index of the deciding rule in ingress[] or egress[].' })
  rule?: number;

  @Field(() => String, { nullable: true })
  ruleName?: string;

  @Field(() => AdminRuleRefType, {
    nullable: true,
    description: 'The AdminNetworkPolicy rule whose Pass sent the connection to the lower tiers.',
  })
  passedBy?: AdminRuleRefType;
}

@ObjectType('DirectionVerdict')
export class DirectionVerdictType {
  @Field(() => TierDecisionType, { description: 'The tier that decided this direction.' })
  decision!: TierDecisionType;

  @Field({ description: 'Whether the pod on this side is isolated in this direction.' })
  isolated!: boolean;

  @Field()
  allowed!: boolean;

  @Field(() => [RuleRefType])
  allowedBy!: RuleRefType[];

  @Field()
  reason!: string;

  @Field(() => [String], { description: 'Policies selecting the pod in this direction.' })
  policies!: string[];
}

@ObjectType('ReachabilityEndpoint')
export class ReachabilityEndpointType {
  @Field({ description: 'component, external or ip.' })
  kind!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  workload!: string | null;

  @Field(() => String, { nullable: true, description: 'For an external, the representative address evaluated.' })
  ip!: string | null;
}

@ObjectType('Reachability')
export class ReachabilityType {
  @Field(() => ID, { description: "Names this answer in the service's decision log (a UUID)." })
  decisionId!: string;

  @Field({ description: "The source's egress AND the destination's ingress allow it." })
  allowed!: boolean;

  @Field({ description: 'The tier that decided: admin, networkpolicy, baseline or default.' })
  tier!: string;

  @Field(() => DirectionVerdictType)
  egress!: DirectionVerdictType;

  @Field(() => DirectionVerdictType)
  ingress!: DirectionVerdictType;

  @Field(() => ReachabilityEndpointType)
  from!: ReachabilityEndpointType;

  @Field(() => ReachabilityEndpointType)
  to!: ReachabilityEndpointType;

  @Field(() => Int)
  port!: number;

  @Field(() => String, { nullable: true })
  portName!: string | null;

  @Field(() => ProtocolEnum)
  protocol!: ProtocolEnum;

  @Field(() => AnalyzedVersionType)
  version!: AnalyzedVersionType;

  @Field(() => Int, {
    nullable: true,
    description: 'The guardrail version the answer was evaluated under; null: none.',
  })
  guardrailVersion!: number | null;
}

@ObjectType('AllowedPeer', { description: 'Exactly one of component or external is set.' })
export class AllowedPeerType {
  @Field(() => String, { nullable: true })
  component?: string;

  @Field(() => String, { nullable: true })
  external?: string;
}

@ObjectType('PortRange')
export class PortRangeType {
  @Field(() => Int)
  start!: number;

  @Field(() => Int)
  end!: number;
}

@ObjectType('ProtocolPorts')
export class ProtocolPortsType {
  @Field(() => ProtocolEnum)
  protocol!: ProtocolEnum;

  @Field(() => [PortRangeType])
  ranges!: PortRangeType[];
}

@ObjectType('AllowedFlow', { description: 'A connection the policies allow between components and externals.' })
export class AllowedFlowType {
  @Field(() => AllowedPeerType)
  from!: AllowedPeerType;

  @Field(() => AllowedPeerType)
  to!: AllowedPeerType;

  @Field({ description: 'Every port of every protocol; ports is then empty.' })
  allConnections!: boolean;

  @Field(() => [ProtocolPortsType])
  ports!: ProtocolPortsType[];
}
