import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { TopologyModule } from '../topology/topology.module';
import { VersionsRepository } from './versions.repository';
import { VersionsService } from './versions.service';

@Module({
  imports: [ApplicationsModule, TopologyModule],
  providers: [VersionsService, VersionsRepository],
  exports: [VersionsService],
})
export class VersionsModule {}
