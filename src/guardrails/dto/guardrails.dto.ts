import { ArgsType, Field, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { GuardrailRef } from '../guardrail.model';
import { MAX_INT32, PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { IsVersionRef, toVersionRef } from '../../common/validation/version-ref';

/** Priorities run 0-1000, one AdminNetworkPolicy each, plus the one BaselineAdminNetworkPolicy. */
export const MAX_GUARDRAIL_ITEMS = 1002;
export const MAX_GUARDRAIL_NOTE_LENGTH = 1000;

/**
 * The guardrail document: a Kubernetes List (what `kubectl get adminnetworkpolicies,
 * baselineadminnetworkpolicies -o yaml` prints), in JSON or YAML. The items are checked by the engine.
 */
export class GuardrailsDocumentDto {
  @IsOptional()
  @IsIn(['v1'], { message: 'must be v1' })
  apiVersion?: string;

  @IsOptional()
  @IsIn(['List'], { message: 'must be List' })
  kind?: string;

  @IsArray()
  @ArrayMaxSize(MAX_GUARDRAIL_ITEMS)
  @IsObject({ each: true, message: 'each item must be an AdminNetworkPolicy or BaselineAdminNetworkPolicy object' })
  items!: Record<string, unknown>[];
}

export class PublishGuardrailsDto {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_GUARDRAIL_NOTE_LENGTH)
  note?: string;
}

export class GuardrailVersionParams {
  @Transform(toVersionRef)
  @IsVersionRef()
  v!: number | 'latest';
}

@ArgsType()
export class ListGuardrailVersionsDto {
  @PageLimit({ max: 100, fallback: 20 })
  limit?: number;

  @PageOffset('newest first')
  offset?: number;
}

@ArgsType()
export class GuardrailVersionArgs {
  @Field(() => Int, { nullable: true, description: 'A published guardrail version; the latest when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  number?: number;
}

/** `latest`, `none` or a positive guardrail version number. */
const GUARDRAILS_PATTERN = /^(latest|none|[1-9][0-9]{0,8})$/;

/** `?guardrails=`: shared by every analysis of an application's policies (reachability, connectivity, drift, diff). */
@ArgsType()
export class GuardrailsQueryDto {
  @Field(() => String, {
    nullable: true,
    description: 'Which guardrails: a guardrail version number, `latest` (the default) or `none`.',
  })
  @IsOptional()
  @IsString()
  @Matches(GUARDRAILS_PATTERN, { message: 'must be a positive guardrail version number, latest or none' })
  guardrails?: string;
}

/** The parsed form of `guardrails`: the latest published guardrail version unless named. */
export function parseGuardrails(guardrails: string | undefined): GuardrailRef {
  if (guardrails === undefined || guardrails === 'latest' || guardrails === 'none') return guardrails ?? 'latest';
  return Number(guardrails);
}
