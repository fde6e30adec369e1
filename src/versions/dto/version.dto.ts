import { ArgsType, Field, Int } from '@nestjs/graphql';
import { MAX_INT32, PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsDns1123Label } from '../../common/validation/kubernetes.validators';

export const MAX_NOTE_LENGTH = 1000;
/** `latest` stays a word; a positive integer in plain digits becomes a number (`007`, `1e3`, `0` stay strings and fail). */
const toVersionRef = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : value;

/** A version in a path: a positive integer or `latest`. */
const IsVersionRef = () =>
  ValidateBy({
    name: 'isVersionRef',
    validator: {
      validate: (value: unknown) =>
        value === 'latest' || (typeof value === 'number' && Number.isInteger(value) && value >= 1),
      defaultMessage: () => 'must be a positive integer or "latest"',
    },
  });

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
