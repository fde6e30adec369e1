import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsNotIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { IsDns1123Label } from '../../common/validation/kubernetes.validators';
import { ANONYMOUS_ACTOR } from '../../common/access/request-context';
import { ROLES, type Role } from '../../common/access/roles';

/**
 * Names the audit log uses for actors that are not tokens a person created: the token made from
 * FLOWPOLICY_ADMIN_TOKEN, a caller without a token, the service itself. A token so named would pass
 * for them in the log.
 */
export const RESERVED_TOKEN_NAMES = ['bootstrap', ANONYMOUS_ACTOR, 'system'] as const;

const IsInTheFuture = () =>
  ValidateBy({
    name: 'isInTheFuture',
    validator: {
      validate: (value: unknown) => value instanceof Date && value.getTime() > Date.now(),
      defaultMessage: () => 'must be in the future',
    },
  });

@InputType('CreateTokenInput')
export class CreateTokenDto {
  @Field({
    description:
      'What the token is for ("ci-shop", "portal"); unique among all tokens, revoked ones included. Not bootstrap, anonymous or system.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotIn(RESERVED_TOKEN_NAMES, { message: `must not be one of ${RESERVED_TOKEN_NAMES.join(', ')} (reserved)` })
  name!: string;

  @Field(() => String, { description: 'viewer, editor, publisher or admin; each includes the ones before.' })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @Field(() => [String], { nullable: true, description: 'Applications the token may touch; omitted or empty: all.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsDns1123Label({ each: true })
  applications?: string[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the token stops working; never by default.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time, e.g. 2030-01-31T00:00:00Z' })
  @IsInTheFuture()
  expiresAt?: Date;
}

@ArgsType()
export class TokenIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a token id (a UUID)' })
  id!: string;
}
