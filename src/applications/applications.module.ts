import { ApplicationLifecycle } from './application-lifecycle';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [AuditModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationsRepository, ApplicationsResolver, ApplicationLifecycle],
  exports: [ApplicationsService, ApplicationsRepository, ApplicationLifecycle],
})
export class ApplicationsModule {}
