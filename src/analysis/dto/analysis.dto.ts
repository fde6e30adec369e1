import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ProtocolEnum } from '../../common/graphql/scalars';
import { IsPortOrName } from '../../common/validation/kubernetes.validators';

/** Largest manifests text analysed (characters): a large cluster's workloads and policies fit. */
export const MAX_MANIFESTS_LENGTH = 4 * 1024 * 1024;

/**
 * Kubernetes YAML or JSON, as one string. A YAML request body (`application/yaml`) arrives here as
 * `{ manifests: <the body> }` (see MANIFEST_ROUTES in app.factory.ts).
 */
export class ManifestsDto {
  @IsString()
  @MaxLength(MAX_MANIFESTS_LENGTH, { message: `must be at most ${MAX_MANIFESTS_LENGTH} characters` })
  manifests!: string;
}

/** `from`/`to` of a connectivity analysis: namespace:<name> or workload:<id> (manifests have no components). */
export class AnalysisConnectivityQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(330)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(330)
  to?: string;
}

export class AnalysisConnectivityDto extends ManifestsDto {
  @IsOptional()
  @IsString()
  @MaxLength(330)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(330)
  to?: string;
}

const portFromQuery = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** The question, in a JSON body with the manifests or in the query string beside a YAML body. */
export class AnalysisReachabilityQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(253)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  to?: string;

  @IsOptional()
  @Transform(portFromQuery)
  @IsPortOrName()
  port?: number | string;

  @IsOptional()
  @IsEnum(ProtocolEnum, { message: 'must be one of TCP, UDP, SCTP' })
  protocol?: ProtocolEnum;
}

export class AnalysisReachabilityDto extends ManifestsDto {
  @IsOptional()
  @IsString()
  @MaxLength(253)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  to?: string;

  @IsOptional()
  @IsPortOrName()
  port?: number | string;

  @IsOptional()
  @IsEnum(ProtocolEnum, { message: 'must be one of TCP, UDP, SCTP' })
  protocol?: ProtocolEnum;
}
