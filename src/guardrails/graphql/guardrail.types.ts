import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '../../common/graphql/scalars';

/** What a stored document and a version both show. */
@ObjectType({ isAbstract: true })
abstract class GuardrailContentType {
  @Field({ description: "sha256 (hex) of the document's canonical JSON." })
  digest!: string;

  @Field(() => [String], { description: 'Names of the AdminNetworkPolicies, by ascending priority.' })
  adminNetworkPolicies!: string[];

  @Field({ description: 'Whether it has a BaselineAdminNetworkPolicy.' })
  baseline!: boolean;

  @Field(() => GraphQLJSONObject, { description: 'The document: a Kubernetes List of the objects.' })
  document!: Record<string, unknown>;
}

@ObjectType('GuardrailVersion', {
  description: "An immutable, numbered copy of the cluster's guardrails (AdminNetworkPolicies and the baseline).",
})
export class GuardrailVersionType extends GuardrailContentType {
  @Field(() => Int)
  number!: number;

  @Field()
  note!: string;

  @Field()
  actor!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('Guardrails', {
  description: "The cluster's guardrail document as stored (the draft of the next version).",
})
export class GuardrailsType extends GuardrailContentType {
  @Field(() => String, { nullable: true, description: 'Who stored it; null while nothing was stored.' })
  actor!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;
}
