/**
 * Request bodies for components, externals, flows and the whole topology document. Each class is
 * both the REST DTO (class-validator) and the GraphQL input type, so the two transports accept
 * exactly the same shapes with the same rules. They are the transport's shape of the engine's input
 * types (engine/topology-document.ts), which the service hands to the engine's reader: the defaults
 * and the document's rules live there, once.
 */
import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type {
  ComponentInput,
  ComponentPortInput,
  ExternalInput,
  FlowInput,
  FlowPeerInput,
  FlowPortInput,
  LabelSelectorInput,
  TopologyDocumentInput,
} from '../../engine';
import { GraphQLJSONObject, IntOrString, ProtocolEnum, SelectorOperatorEnum } from '../../common/graphql/scalars';
import {
  HasExactlyOneOf,
  HasOneOrMoreOf,
  HasUniqueKey,
  IsCidr,
  IsDns1123Label,
  IsEndPort,
  IsExceptInsideCidr,
  IsLabelMap,
  IsLabelKey,
  IsPortName,
  IsPortNumber,
  IsPortOrName,
  IsRequirementValues,
} from '../../common/validation/kubernetes.validators';
import { quickAcceptsTopologyDocument } from './topology-document.quick-check';
import { LIMITS } from './topology.limits';

@InputType('ComponentPortInput')
export class ComponentPortDto implements ComponentPortInput {
  @Field({ nullable: true, description: 'Port name (IANA_SVC_NAME), for flows that name ports.' })
  @IsOptional()
  @IsPortName()
  name?: string;

  @Field(() => Int)
  @IsPortNumber()
  port!: number;

  @Field(() => ProtocolEnum, { nullable: true, description: 'TCP when omitted.' })
  @IsOptional()
  @IsEnum(ProtocolEnum, { message: 'must be one of TCP, UDP, SCTP' })
  protocol?: ProtocolEnum;
}

@InputType('ComponentInput')
export class PutComponentDto implements ComponentInput {
  @Field({
    nullable: true,
    description: "Namespace of the component's pods; the application's default namespace when omitted.",
  })
  @IsOptional()
  @IsDns1123Label()
  namespace?: string;

  @Field(() => GraphQLJSONObject, { description: "Labels that select the component's pods (matchLabels)." })
  @IsLabelMap({ nonEmpty: true })
  labels!: Record<string, string>;

  @Field(() => [ComponentPortDto], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.portsPerComponent)
  @HasUniqueKey('name')
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ComponentPortDto)
  ports?: ComponentPortDto[];
}

@InputType('ExternalInput')
export class PutExternalDto implements ExternalInput {
  @Field({ description: 'The network, e.g. 0.0.0.0/0 or 10.20.0.0/16.' })
  @IsCidr()
  cidr!: string;

  @Field(() => [String], { nullable: true, description: 'Ranges inside cidr to leave out.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.exceptPerExternal)
  @IsCidr({ each: true })
  @IsExceptInsideCidr()
  except?: string[];
}

@InputType('LabelSelectorRequirementInput')
export class LabelSelectorRequirementDto {
  @Field()
  @IsLabelKey()
  key!: string;

  @Field(() => SelectorOperatorEnum)
  @IsEnum(SelectorOperatorEnum, { message: 'must be one of In, NotIn, Exists, DoesNotExist' })
  operator!: SelectorOperatorEnum;

  @Field(() => [String], { nullable: true })
  @IsRequirementValues()
  values?: string[];
}

@InputType('LabelSelectorInput')
export class LabelSelectorDto implements LabelSelectorInput {
  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptional()
  @IsLabelMap()
  matchLabels?: Record<string, string>;

  @Field(() => [LabelSelectorRequirementDto], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.expressionsPerSelector)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => LabelSelectorRequirementDto)
  matchExpressions?: LabelSelectorRequirementDto[];
}

@InputType('SelectorPeerInput')
export class SelectorPeerDto {
  @Field(() => LabelSelectorDto, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LabelSelectorDto)
  namespaceSelector?: LabelSelectorDto;

  @Field(() => LabelSelectorDto, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LabelSelectorDto)
  podSelector?: LabelSelectorDto;
}

@InputType('FlowPeerInput', { description: 'Exactly one of component, external or selector.' })
export class FlowPeerDto implements FlowPeerInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsDns1123Label()
  component?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDns1123Label()
  external?: string;

  @Field(() => SelectorPeerDto, { nullable: true })
  @IsOptional()
  @HasOneOrMoreOf(['namespaceSelector', 'podSelector'])
  @ValidateNested()
  @Type(() => SelectorPeerDto)
  selector?: SelectorPeerDto;
}

@InputType('FlowPortInput')
export class FlowPortDto implements FlowPortInput {
  @Field(() => IntOrString, {
    nullable: true,
    description: 'A port number, or a port name of the destination component; all ports when omitted.',
  })
  @IsOptional()
  @IsPortOrName()
  port?: number | string;

  @Field(() => Int, { nullable: true, description: 'Last port of a range (inclusive); needs a numeric port.' })
  @IsOptional()
  @IsEndPort()
  endPort?: number;

  @Field(() => ProtocolEnum, { nullable: true, description: 'TCP when omitted.' })
  @IsOptional()
  @IsEnum(ProtocolEnum, { message: 'must be one of TCP, UDP, SCTP' })
  protocol?: ProtocolEnum;
}

@InputType('FlowInput')
export class CreateFlowDto implements FlowInput {
  @Field(() => FlowPeerDto)
  @HasExactlyOneOf(['component', 'external', 'selector'])
  @ValidateNested()
  @Type(() => FlowPeerDto)
  from!: FlowPeerDto;

  @Field(() => FlowPeerDto)
  @HasExactlyOneOf(['component', 'external', 'selector'])
  @ValidateNested()
  @Type(() => FlowPeerDto)
  to!: FlowPeerDto;

  @Field(() => [FlowPortDto], { nullable: true, description: 'No ports (or an empty list) means all ports.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.portsPerFlow)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => FlowPortDto)
  ports?: FlowPortDto[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.description)
  description?: string;
}

@InputType('TopologyComponentInput')
export class TopologyComponentDto extends PutComponentDto {
  @Field()
  @IsDns1123Label()
  name!: string;
}

@InputType('TopologyExternalInput')
export class TopologyExternalDto extends PutExternalDto {
  @Field()
  @IsDns1123Label()
  name!: string;
}

@InputType('TopologyInput', { description: 'A whole topology, replaced atomically.' })
export class TopologyDocumentDto implements TopologyDocumentInput {
  /** The validation pipe's quick yes for the common shape of large documents (QuickAcceptingDto). */
  static readonly quickAccepts = quickAcceptsTopologyDocument;

  @Field({ nullable: true, description: 'The application name; when given it must match the application written to.' })
  @IsOptional()
  @IsDns1123Label()
  name?: string;

  @Field({
    nullable: true,
    description: "Namespace of components that name none; the application's default when omitted.",
  })
  @IsOptional()
  @IsDns1123Label()
  namespace?: string;

  @Field(() => [TopologyComponentDto])
  @IsArray()
  @ArrayMaxSize(LIMITS.components)
  @HasUniqueKey('name')
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => TopologyComponentDto)
  components!: TopologyComponentDto[];

  @Field(() => [TopologyExternalDto], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.externals)
  @HasUniqueKey('name')
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => TopologyExternalDto)
  externals?: TopologyExternalDto[];

  @Field(() => [CreateFlowDto], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.flows)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CreateFlowDto)
  flows?: CreateFlowDto[];
}
