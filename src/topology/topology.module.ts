import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { ComponentsController } from './components.controller';
import { ExternalsController } from './externals.controller';
import { FlowsController } from './flows.controller';
import { TopologyController } from './topology.controller';
import { TopologyLoadersFactory } from './topology.loaders';
import { TopologyRepository } from './topology.repository';
import { TopologyResolver } from './topology.resolver';
import { TopologyService } from './topology.service';

@Module({
  imports: [ApplicationsModule, AuditModule],
  controllers: [ComponentsController, ExternalsController, FlowsController, TopologyController],
  providers: [TopologyService, TopologyRepository, TopologyResolver, TopologyLoadersFactory],
  exports: [TopologyService],
})
export class TopologyModule {}
