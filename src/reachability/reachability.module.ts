import { Module } from '@nestjs/common';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { VersionsModule } from '../versions/versions.module';
import { CompiledVersionCache } from './compiled-version.cache';
import { DecisionLog } from './decision-log';
import { ReachabilityController } from './reachability.controller';
import { ReachabilityHook } from './reachability.hook';
import { ReachabilityResolver } from './reachability.resolver';
import { ReachabilityService } from './reachability.service';

@Module({
  imports: [VersionsModule, GuardrailsModule],
  controllers: [ReachabilityController],
  providers: [
    ReachabilityService,
    ReachabilityResolver,
    ReachabilityHook,
    DecisionLog,
    // One cache per process: compiled published versions never change (see CompiledVersionCache).
    { provide: CompiledVersionCache, useFactory: () => new CompiledVersionCache() },
  ],
  exports: [ReachabilityService, DecisionLog],
})
export class ReachabilityModule {}
