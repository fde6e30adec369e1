import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AdminTokenBootstrap } from './admin-token.bootstrap';
import { AuthGuard } from './auth.guard';
import { RequestContextInterceptor } from './request-context.interceptor';
import { TokensController } from './tokens.controller';
import { TokensRepository } from './tokens.repository';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

/** Tokens, and the global guard and request context that every route and GraphQL operation goes through. */
@Module({
  imports: [AuditModule],
  controllers: [TokensController],
  providers: [
    TokensRepository,
    TokensService,
    TokensResolver,
    AdminTokenBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
  ],
  exports: [TokensService],
})
export class AuthModule {}
