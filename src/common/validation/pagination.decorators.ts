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

/** `offset` of a paged list; `order` says what it skips along. */
export function PageOffset(order: string): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description: `Skip this many, ${order}.` }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
  );
}
