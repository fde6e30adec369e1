import type { Requester } from '../common/access/request-context';
import { RequestedBy } from '../common/access/caller.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { TokenIdArgs, CreateTokenDto } from './dto/token.dto';
import { RequiresRole } from '../common/access/requires-role.decorator';
import { toIssuedTokenResponse, toTokenResponse } from './token.response';
import { TokensService } from './tokens.service';

/** Token management: admin tokens for all applications only (a scoped admin could otherwise widen its own reach). */
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @HttpCode(201)
  @RequiresRole('admin', { allApplications: true })
  async create(@Body() body: CreateTokenDto, @RequestedBy() by: Requester) {
    return toIssuedTokenResponse(await this.tokens.create({ ...body, by }));
  }

  @Get()
  @RequiresRole('admin', { allApplications: true })
  async list() {
    return { items: (await this.tokens.list()).map(toTokenResponse) };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresRole('admin', { allApplications: true })
  async revoke(@Param() { id }: TokenIdArgs, @RequestedBy() by: Requester): Promise<void> {
    await this.tokens.revoke({ id, by });
  }
}
