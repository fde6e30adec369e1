import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateTokenDto, TokenIdArgs } from './dto/token.dto';
import { ApiTokenType, CreatedTokenType } from './graphql/token.type';
import { RequiresRole } from '../common/access/requires-role.decorator';
import { toIssuedTokenNode, toTokenNode } from './token.response';
import { TokensService } from './tokens.service';

@Resolver(() => ApiTokenType)
export class TokensResolver {
  constructor(private readonly service: TokensService) {}

  @Query(() => [ApiTokenType], {
    name: 'tokens',
    description: 'Every token, revoked ones included; never their secrets.',
  })
  @RequiresRole('admin', { allApplications: true })
  async list() {
    return (await this.service.list()).map(toTokenNode);
  }

  @Mutation(() => CreatedTokenType, { description: 'Creates a token; its secret is in this answer only.' })
  @RequiresRole('admin', { allApplications: true })
  async createToken(@Args('input') input: CreateTokenDto, @RequestedBy() by: Requester) {
    return toIssuedTokenNode(await this.service.create({ ...input, by }));
  }

  @Mutation(() => Boolean, { description: 'Revokes a token at once; true when done (also when already revoked).' })
  @RequiresRole('admin', { allApplications: true })
  async revokeToken(@Args() { id }: TokenIdArgs, @RequestedBy() by: Requester): Promise<boolean> {
    await this.service.revoke({ id, by });
    return true;
  }
}
