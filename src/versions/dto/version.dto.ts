import { ArgsType, Field, Int } from '@nestjs/graphql';
import { MAX_INT32, PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsVersionRef, toVersionRef } from '../../common/validation/version-ref';
import { IsDns1123Label } from '../../common/validation/kubernetes.validators';

export const MAX_NOTE_LENGTH = 1000;

export class VersionParams {
  @IsDns1123Label()
  app!: string;

  @Transform(toVersionRef)
  @IsVersionRef()
  v!: number | 'latest';
}

export class VersionDiffParams {
  @IsDns1123Label()
  app!: string;

  @Transform(toVersionRef)
  @IsVersionRef()
  v!: number | 'latest';

  @Transform(toVersionRef)
  @IsVersionRef()
  other!: number | 'latest';
}

export class ChannelParams {
  @IsDns1123Label()
  app!: string;

  @IsDns1123Label()
  channel!: string;
}

export class PublishVersionDto {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH)
  note?: string;

  @IsOptional()
  @IsBoolean()
  acceptGuardrailDenials?: boolean;
}

export class SetChannelDto {
  // No @Type(() => Number): it would turn `true` into 1 and "3" into 3; the body is JSON, numbers arrive as numbers.
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  version!: number;
}

@ArgsType()
export class ListVersionsDto {
  @PageLimit({ max: 100, fallback: 20 })
  limit?: number;

  @PageOffset('newest first')
  offset?: number;
}

@ArgsType()
export class PublishVersionArgs {
  @Field({ description: 'The application name.' })
  @IsDns1123Label()
  application!: string;

  @Field({ nullable: true, description: `Why this version (at most ${MAX_NOTE_LENGTH} characters).` })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE_LENGTH)
  note?: string;

  @Field({
    nullable: true,
    description: 'Record declared flows a guardrail denies as warnings instead of refusing the publish.',
  })
  @IsOptional()
  @IsBoolean()
  acceptGuardrailDenials?: boolean;
}

@ArgsType()
export class SetChannelArgs {
  @Field({ description: 'The application name.' })
  @IsDns1123Label()
  application!: string;

  @Field({ description: 'A DNS-1123 label, e.g. production.' })
  @IsDns1123Label()
  channel!: string;

  @Field(() => Int, { description: 'A published version number.' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  version!: number;
}
