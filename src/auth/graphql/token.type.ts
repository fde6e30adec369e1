import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiToken', { description: 'An API token; its secret is never shown again after creation.' })
export class ApiTokenType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'viewer, editor, publisher or admin.' })
  role!: string;

  @Field(() => [String], { description: 'Applications the token may touch; empty: all.' })
  applications!: string[];

  @Field({ description: 'The first 8 characters of the secret.' })
  prefix!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType('CreatedToken')
export class CreatedTokenType extends ApiTokenType {
  @Field({ description: 'The secret, shown this once: send it as "Authorization: Bearer <token>".' })
  token!: string;
}
