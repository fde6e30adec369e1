import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApplicationsModule } from '../applications/applications.module';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { TopologyModule } from '../topology/topology.module';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { NumberedPulls } from './numbered-pull.hook';
import { PublishHooks } from './publish-hooks';
import { VersionsController } from './versions.controller';
import { VersionLoadersFactory } from './versions.loaders';
import { VersionsRepository } from './versions.repository';
import { VersionsResolver } from './versions.resolver';
import { VersionsService } from './versions.service';

@Module({
  imports: [ApplicationsModule, TopologyModule, AuditModule, GuardrailsModule],
  controllers: [VersionsController, ChannelsController],
  providers: [
    VersionsService,
    ChannelsService,
    VersionsRepository,
    VersionsResolver,
    VersionLoadersFactory,
    PublishHooks,
    NumberedPulls,
  ],
  exports: [VersionsService, NumberedPulls],
})
export class VersionsModule {}
