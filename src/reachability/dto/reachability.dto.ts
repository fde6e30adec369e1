import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IntOrString, ProtocolEnum } from '../../common/graphql/scalars';
import { IsPortOrName } from '../../common/validation/kubernetes.validators';
import { GuardrailsQueryDto } from '../../guardrails/dto/guardrails.dto';

import { parseGuardrails } from '../../guardrails/dto/guardrails.dto';
import type { Protocol } from '../../engine';

export { parseGuardrails };

/** `latest`, `draft` or a positive version number (at most 9 digits). */
export const VERSION_PATTERN = /^(latest|draft|[1-9][0-9]{0,8})$/;
const VERSION_MESSAGE = 'must be a positive version number, latest or draft';

/** A query-string port: digits become a number (then 1-65535), anything else is a port name. */
const portFromQuery = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** `?version=`: shared by every read of an application's policies. */
@ArgsType()
export class VersionQueryDto extends GuardrailsQueryDto {
  @Field(() => String, {
    nullable: true,
    description: 'A version number, `latest` or `draft`; default latest, or draft while nothing is published.',
  })
  @IsOptional()
  @IsString()
  @Matches(VERSION_PATTERN, { message: VERSION_MESSAGE })
  version?: string;
}

@ArgsType()
export class ReachabilityQueryDto extends VersionQueryDto {
  @Field({ description: 'A component or external of the application, or an IP address.' })
  @IsString()
  @MaxLength(253)
  from!: string;

  @Field({ description: 'A component or external of the application, or an IP address.' })
  @IsString()
  @MaxLength(253)
  to!: string;

  @Field(() => IntOrString, { description: 'A port number, or a port name of the destination component.' })
  @Transform(portFromQuery)
  @IsPortOrName()
  port!: number | string;

  @Field(() => ProtocolEnum, { nullable: true, description: 'TCP when omitted.' })
  @IsOptional()
  @IsEnum(ProtocolEnum, { message: 'must be one of TCP, UDP, SCTP' })
  protocol?: ProtocolEnum;
}

@ArgsType()
export class AllowedFlowsArgs extends VersionQueryDto {
  @Field(() => String, { nullable: true, description: 'Only connections from this component or external.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  from?: string;

  @Field(() => String, { nullable: true, description: 'Only connections to this component or external.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  to?: string;
}

const FILTER_DESCRIPTION =
  'component:<name> (or just the name), namespace:<name> or workload:<namespace>/<name>[<Kind>]; external ranges never match.';

/** `?from=&to=` of the connectivity reads: only connections from / to one component, namespace or workload. */
@ArgsType()
export class ConnectivityQueryDto extends VersionQueryDto {
  @Field(() => String, { nullable: true, description: `Only connections from this peer: ${FILTER_DESCRIPTION}` })
  @IsOptional()
  @IsString()
  @MaxLength(330)
  from?: string;

  @Field(() => String, { nullable: true, description: `Only connections to this peer: ${FILTER_DESCRIPTION}` })
  @IsOptional()
  @IsString()
  @MaxLength(330)
  to?: string;
}

/** The parsed form of `version`: undefined means "latest, or the draft while nothing is published". */
export type VersionSelector = number | 'latest' | 'draft' | undefined;

/** What ReachabilityService is asked, from the REST query or the GraphQL arguments (the same DTO). */
export function questionOf({ from, to, port, protocol, version, guardrails }: ReachabilityQueryDto) {
  return {
    from,
    to,
    port,
    protocol: protocol as Protocol | undefined,
    version: parseVersion(version),
    guardrails: parseGuardrails(guardrails),
  };
}

export function parseVersion(version: string | undefined): VersionSelector {
  if (version === undefined) return undefined;
  return version === 'latest' || version === 'draft' ? version : Number(version);
}
