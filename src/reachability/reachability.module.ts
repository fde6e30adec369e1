import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module';
import { CompiledVersionCache } from './compiled-version.cache';
import { ReachabilityController } from './reachability.controller';
import { ReachabilityResolver } from './reachability.resolver';
import { ReachabilityService } from './reachability.service';

@Module({
  imports: [VersionsModule],
  controllers: [ReachabilityController],
  providers: [
    ReachabilityService,
    ReachabilityResolver,
    // One cache per process: compiled published versions never change (see CompiledVersionCache).
    { provide: CompiledVersionCache, useFactory: () => new CompiledVersionCache() },
  ],
  exports: [ReachabilityService],
})
export class ReachabilityModule {}
