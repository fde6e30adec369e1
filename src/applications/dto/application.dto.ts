import { Field, InputType, ArgsType } from '@nestjs/graphql';
import { PageLimit, PageOffset } from '../../common/validation/pagination.decorators';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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

/** Most namespaces one request may grant; an application needing more gets them one PUT at a time. */
export const MAX_GRANTED_NAMESPACES = 100;

@InputType('NamespaceGrantInput')
export class NamespaceGrantDto {
  @Field({ description: 'The namespace (DNS-1123 label).' })
  @IsDns1123Label()
  namespace!: string;

  @Field({
    nullable: true,
    description: 'Let other applications own it too; those that already do become shared owners. Default false.',
  })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @Field({
    nullable: true,
    description:
      "Required (true) to grant a reserved namespace: kube-system, kube-public, kube-node-lease and the service's own.",
  })
  @IsOptional()
  @IsBoolean()
  reserved?: boolean;
}

@InputType('CreateApplicationInput')
export class CreateApplicationDto extends UpdateApplicationDto {
  @Field({ description: 'Unique DNS-1123 label; it names the generated policies.' })
  @IsDns1123Label()
  name!: string;

  @Field(() => [NamespaceGrantDto], {
    nullable: true,
    description:
      'Namespaces the application owns besides its default namespace (always owned; list it here to share it or grant it as reserved).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GRANTED_NAMESPACES)
  @ValidateNested({ each: true })
  @Type(() => NamespaceGrantDto)
  ownedNamespaces?: NamespaceGrantDto[];
}

/** The body of PUT /v1/applications/{app}/namespaces/{namespace}. */
export class GrantNamespaceBodyDto {
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @IsOptional()
  @IsBoolean()
  reserved?: boolean;
}

export class NamespaceParams {
  @IsDns1123Label()
  app!: string;

  @IsDns1123Label()
  namespace!: string;
}

@ArgsType()
export class ListNamespacesDto {
  @Field({ nullable: true, description: 'true: only namespaces with a grant in conflict; false: only those without.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  conflict?: boolean;

  @PageLimit({ max: 500, fallback: 100 })
  limit?: number;

  @PageOffset('in name order')
  offset?: number;
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

@ArgsType()
export class NamespaceArgs {
  @Field()
  @IsDns1123Label()
  application!: string;

  @Field({ description: 'The namespace (DNS-1123 label).' })
  @IsDns1123Label()
  namespace!: string;
}

@ArgsType()
export class GrantNamespaceArgs extends NamespaceArgs {
  @Field({ nullable: true, description: 'Let other applications own it too. Default false.' })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @Field({ nullable: true, description: 'Required (true) to grant a reserved namespace.' })
  @IsOptional()
  @IsBoolean()
  reserved?: boolean;
}
