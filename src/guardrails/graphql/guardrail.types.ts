import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '../../common/graphql/scalars';

@ObjectType('GuardrailVersion', {
  description: "An immutable, numbered copy of the cluster's guardrails (AdminNetworkPolicies and the baseline).",
})
export class GuardrailVersionType {
  @Field(() => Int)
  number!: number;

  @Field({ description: "sha256 (hex) of the document's canonical JSON." })
  digest!: string;

  @Field()
  note!: string;

  @Field()
  actor!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => [String], { description: 'Names of the AdminNetworkPolicies, by ascending priority.' })
  adminNetworkPolicies!: string[];

  @Field({ description: 'Whether it has a BaselineAdminNetworkPolicy.' })
  baseline!: boolean;

  @Field(() => GraphQLJSONObject, { description: 'The document: a Kubernetes List of the objects.' })
  document!: Record<string, unknown>;
}

@ObjectType('Guardrails', {
  description: "The cluster's guardrail document as stored (the draft of the next version).",
})
export class GuardrailsType {
  @Field({ description: "sha256 (hex) of the document's canonical JSON; quoted, the REST ETag." })
  digest!: string;

  @Field(() => String, { nullable: true, description: 'Who stored it; null while nothing was stored.' })
  actor!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => [String], { description: 'Names of the AdminNetworkPolicies, by ascending priority.' })
  adminNetworkPolicies!: string[];

  @Field({ description: 'Whether it has a BaselineAdminNetworkPolicy.' })
  baseline!: boolean;

  @Field(() => GraphQLJSONObject, { description: 'The document: a Kubernetes List of the objects.' })
  document!: Record<string, unknown>;
}
