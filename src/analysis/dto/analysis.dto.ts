import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ENFORCEMENT_MODES, POD_IPS_MODES, type AnalysisOptions } from '../../engine';
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

/** How to read the cluster (see AnalysisOptions in the engine): in the JSON body, or in the query string. */
export class AnalysisOptionsDto {
  @IsOptional()
  @IsIn(POD_IPS_MODES, { message: `must be one of ${POD_IPS_MODES.join(', ')}` })
  podIps?: NonNullable<AnalysisOptions['podIps']>;

  @IsOptional()
  @IsIn(ENFORCEMENT_MODES, { message: `must be one of ${ENFORCEMENT_MODES.join(', ')}` })
  enforcement?: NonNullable<AnalysisOptions['enforcement']>;
}

/** Manifests plus the analysis options, for /v1/analysis/connectivity. */
export class AnalysisManifestsDto extends ManifestsDto {
  @IsOptional()
  @IsIn(POD_IPS_MODES, { message: `must be one of ${POD_IPS_MODES.join(', ')}` })
  podIps?: NonNullable<AnalysisOptions['podIps']>;

  @IsOptional()
  @IsIn(ENFORCEMENT_MODES, { message: `must be one of ${ENFORCEMENT_MODES.join(', ')}` })
  enforcement?: NonNullable<AnalysisOptions['enforcement']>;
}

/** The options of a JSON body win over those of the query string (a YAML body can only use the latter). */
export function analysisOptionsOf(body: AnalysisOptionsDto, query: AnalysisOptionsDto): AnalysisOptions {
  const podIps = body.podIps ?? query.podIps;
  const enforcement = body.enforcement ?? query.enforcement;
  return { ...(podIps ? { podIps } : {}), ...(enforcement ? { enforcement } : {}) };
}

/** An optional `from`/`to` filter of a connectivity analysis: namespace:<name> or workload:<id>. */
const ConnectivityEnd = () => applyDecorators(IsOptional(), IsString(), MaxLength(330));

/** `from`/`to` of a connectivity analysis: namespace:<name> or workload:<id> (manifests have no components). */
export class AnalysisConnectivityQueryDto extends AnalysisOptionsDto {
  @ConnectivityEnd()
  from?: string;

  @ConnectivityEnd()
  to?: string;
}

/** Manifests, the analysis options and the `from`/`to` filters, for /v1/analysis/connectivity. */
export class AnalysisConnectivityDto extends AnalysisManifestsDto {
  @ConnectivityEnd()
  from?: string;

  @ConnectivityEnd()
  to?: string;
}

const portFromQuery = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** The question, in a JSON body with the manifests or in the query string beside a YAML body. */
export class AnalysisReachabilityQueryDto extends AnalysisOptionsDto {
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

export class AnalysisReachabilityDto extends AnalysisManifestsDto {
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
