import { applyDecorators } from '@nestjs/common';
import { Field, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` of a paged list, in REST query strings and GraphQL arguments alike. */
export function PageLimit({ max, fallback }: { max: number; fallback: number }): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description: `At most this many (1-${max}, default ${fallback}).` }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/**
 * The largest offset or number a request may carry: GraphQL's Int, and Postgres' integer columns. A
 * larger one could only find nothing, and overflows the query (1e20 is an integer to class-validator).
 */
export const MAX_INT32 = 2_147_483_647;

/** `offset` of a paged list; `order` says what it skips along. */
export function PageOffset(order: string): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description: `Skip this many, ${order}.` }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_INT32),
  );
}
