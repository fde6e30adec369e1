import { ArgsType, Field, GraphQLISODateTime, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

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

  @Field(() => Int, { nullable: true, description: 'At most this many (1-500, default 100).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @Field(() => Int, { nullable: true, description: 'Skip this many, newest first.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @Field({ nullable: true, description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
