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
  Max,
  MaxLength,
  Min,
} from 'class-validator';
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
