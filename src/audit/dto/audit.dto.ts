import { ArgsType, Field, GraphQLISODateTime } from '@nestjs/graphql';
import { PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

@ArgsType()
export class ListAuditEventsDto {
  @Field({ nullable: true, description: 'Only events of this application.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  application?: string;

  @Field({ nullable: true, description: 'Only events by this actor (a token name, anonymous or system).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  actor?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events at or after this instant.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events before this instant.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  to?: Date;

  @PageLimit({ max: 500, fallback: 100 })
  limit?: number;

  @PageOffset('newest first')
  offset?: number;

  @Field({ nullable: true, description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
