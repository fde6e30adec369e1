import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject, IntOrString, ProtocolEnum } from '../../common/graphql/scalars';

@ObjectType('ComponentPort')
export class ComponentPortType {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => Int)
  port!: number;

  @Field(() => ProtocolEnum)
  protocol!: ProtocolEnum;
}

@ObjectType('Component')
export class ComponentType {
  @Field()
  name!: string;

  @Field()
  namespace!: string;

  @Field(() => GraphQLJSONObject)
  labels!: Record<string, string>;

  @Field(() => [ComponentPortType])
  ports!: ComponentPortType[];
}

@ObjectType('External')
export class ExternalType {
  @Field()
  name!: string;

  @Field()
  cidr!: string;

  @Field(() => [String])
  except!: string[];
}

@ObjectType('FlowPeer', { description: 'Exactly one of component, external or selector is set.' })
export class FlowPeerType {
  @Field(() => String, { nullable: true })
  component?: string;

  @Field(() => String, { nullable: true })
  external?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: '{ namespaceSelector?, podSelector? }' })
  selector?: Record<string, unknown>;
}

@ObjectType('FlowPort')
export class FlowPortType {
  @Field(() => IntOrString, { nullable: true, description: 'All ports of the protocol when null.' })
  port?: number | string;

  @Field(() => Int, { nullable: true })
  endPort?: number;

  @Field(() => ProtocolEnum)
  protocol!: ProtocolEnum;
}

@ObjectType('Flow')
export class FlowType {
  @Field()
  id!: string;

  @Field(() => FlowPeerType)
  from!: FlowPeerType;

  @Field(() => FlowPeerType)
  to!: FlowPeerType;

  @Field(() => [FlowPortType], { description: 'Empty means all ports.' })
  ports!: FlowPortType[];

  @Field()
  description!: string;
}

@ObjectType('Topology')
export class TopologyType {
  @Field({
    description:
      "The document's ETag, as REST sends it: give it to putTopology(ifMatch:) so that a concurrent edit is refused, not overwritten.",
  })
  etag!: string;

  @Field(() => [ComponentType])
  components!: ComponentType[];

  @Field(() => [ExternalType])
  externals!: ExternalType[];

  @Field(() => [FlowType])
  flows!: FlowType[];
}
