import { Field, InputType, ArgsType } from '@nestjs/graphql';
import { PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsolationEnum } from '../../common/graphql/scalars';
import { IsDns1123Label } from '../../common/validation/kubernetes.validators';

@InputType('ApplicationSettingsInput')
export class ApplicationSettingsDto {
  @Field(() => IsolationEnum, { nullable: true })
  @IsOptional()
  @IsEnum(IsolationEnum, { message: 'must be one of both, ingress' })
  isolation?: IsolationEnum;

  @Field({ nullable: true, description: 'Allow DNS (UDP and TCP 53) to kube-dns whenever egress is isolated.' })
  @IsOptional()
  @IsBoolean()
  dnsEgress?: boolean;
}

@InputType('UpdateApplicationInput')
export class UpdateApplicationDto {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field({ nullable: true, description: 'Namespace of components that do not name one.' })
  @IsOptional()
  @IsDns1123Label()
  defaultNamespace?: string;

  @Field(() => ApplicationSettingsDto, { nullable: true })
  @IsOptional()
  // ValidateNested alone passes an array (it validates each element, of which [] has none).
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicationSettingsDto)
  settings?: ApplicationSettingsDto;
}

@InputType('CreateApplicationInput')
export class CreateApplicationDto extends UpdateApplicationDto {
  @Field({ description: 'Unique DNS-1123 label; it names the generated policies.' })
  @IsDns1123Label()
  name!: string;
}

@ArgsType()
export class ListApplicationsDto {
  @PageLimit({ max: 500, fallback: 100 })
  limit?: number;

  @PageOffset('in name order')
  offset?: number;
}

export class ApplicationParams {
  @IsDns1123Label()
  app!: string;
}
