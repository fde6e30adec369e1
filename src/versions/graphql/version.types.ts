import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LintFinding')
export class FindingType {
  @Field({ description: 'A stable lint code, e.g. component-unisolated.' })
  code!: string;

  @Field({ description: 'error, warning or info.' })
  severity!: string;

  @Field({ description: 'What it is about: `component web`, `flows[2]`, ...' })
  object!: string;

  @Field()
  message!: string;
}

@ObjectType('PolicyVersion', { description: 'An immutable, numbered set of generated NetworkPolicies.' })
export class PolicyVersionType {
  @Field(() => Int)
  number!: number;

  @Field({ description: 'sha256 (hex) of manifestsYaml.' })
  digest!: string;

  @Field(() => Int)
  policyCount!: number;

  @Field()
  note!: string;

  @Field()
  actor!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field({ description: 'The NetworkPolicies as multi-document YAML, ready for kubectl apply.' })
  manifestsYaml!: string;

  @Field(() => [FindingType], { description: 'Lint and guardrail findings at publish time.' })
  findings!: FindingType[];

  @Field(() => Int, {
    nullable: true,
    description: 'The guardrail version the publish was checked against; null when none was published.',
  })
  guardrailVersion!: number | null;
}

@ObjectType('Channel', { description: 'A named pointer (production, staging) to a published version.' })
export class ChannelType {
  @Field()
  name!: string;

  @Field(() => Int, { description: 'The version number it points at.' })
  version!: number;

  @Field()
  digest!: string;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
