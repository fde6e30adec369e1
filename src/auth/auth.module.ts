import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AdminTokenBootstrap } from './admin-token.bootstrap';
import { AuthGuard } from './auth.guard';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

/** Tokens, and the global guard that every route and GraphQL operation goes through. */
@Module({
  imports: [AuditModule],
  controllers: [TokensController],
  providers: [
    TokensRepository,
    TokensService,
    TokensResolver,
    AdminTokenBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokensService],
})
export class AuthModule {}
