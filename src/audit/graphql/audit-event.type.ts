import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '../../common/graphql/scalars';

@ObjectType('AuditEvent', { description: 'One recorded write.' })
export class AuditEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field({ description: 'The token name, or anonymous / system.' })
  actor!: string;

  @Field(() => String, { nullable: true })
  tokenId!: string | null;

  @Field({ description: 'application.create, component.put, version.publish, ...' })
  action!: string;

  @Field(() => String, { nullable: true })
  application!: string | null;

  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => String, { nullable: true, description: 'Topology or version digest before the write.' })
  digestBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'Topology or version digest after the write.' })
  digestAfter!: string | null;

  @Field()
  requestId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  details!: Record<string, unknown> | null;
}

@ObjectType('AuditEventPage')
export class AuditEventPageType {
  @Field(() => [AuditEventType])
  items!: AuditEventType[];

  @Field(() => String, { nullable: true, description: 'Pass as cursor for the next page; null on the last.' })
  nextCursor!: string | null;
}
