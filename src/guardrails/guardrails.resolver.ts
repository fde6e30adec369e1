import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequiresRole } from '../common/access/requires-role.decorator';
import { GuardrailVersionArgs, ListGuardrailVersionsDto } from './dto/guardrails.dto';
import { GuardrailsType, GuardrailVersionType } from './graphql/guardrail.types';
import { summaryOf, toGuardrailVersionNode, type GuardrailVersionNode } from './guardrail.response';
import { DEFAULT_GUARDRAIL_PAGE_SIZE, GuardrailsService } from './guardrails.service';

/** Read-only: guardrails are written over REST by admins. */
@Resolver()
export class GuardrailsResolver {
  constructor(private readonly guardrails: GuardrailsService) {}

  @RequiresRole('viewer')
  @Query(() => GuardrailsType, { name: 'guardrails', description: "The cluster's guardrail document as stored." })
  async document(): Promise<GuardrailsType> {
    const stored = await this.guardrails.get();
    return {
      digest: stored.digest,
      actor: stored.actor,
      updatedAt: stored.updatedAt,
      ...summaryOf(stored.document),
      document: stored.document as unknown as Record<string, unknown>,
    };
  }

  @RequiresRole('viewer')
  @Query(() => [GuardrailVersionType], { description: 'Published guardrail versions, newest first.' })
  async guardrailVersions(
    @Args() { limit = DEFAULT_GUARDRAIL_PAGE_SIZE, offset = 0 }: ListGuardrailVersionsDto,
  ): Promise<GuardrailVersionNode[]> {
    return (await this.guardrails.listVersions({ limit, offset })).items.map(toGuardrailVersionNode);
  }

  @RequiresRole('viewer')
  @Query(() => GuardrailVersionType, {
    description:
      'One published guardrail version (the latest when no number is given); guardrails/version_not_found otherwise.',
  })
  async guardrailVersion(@Args() { number }: GuardrailVersionArgs): Promise<GuardrailVersionNode> {
    return toGuardrailVersionNode(await this.guardrails.getVersion({ version: number ?? 'latest' }));
  }
}
