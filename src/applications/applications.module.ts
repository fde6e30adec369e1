import { ApplicationLifecycle } from './application-lifecycle';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';
import { NamespaceGrantsRepository } from './namespace-grants.repository';
import { NamespaceOwnership } from './namespace-ownership';
import { NamespacesController } from './namespaces.controller';
import { NamespacesResolver } from './namespaces.resolver';
import { NamespacesService } from './namespaces.service';

@Module({
  imports: [AuditModule],
  controllers: [ApplicationsController, NamespacesController],
  providers: [
    ApplicationsService,
    ApplicationsRepository,
    ApplicationsResolver,
    ApplicationLifecycle,
    NamespaceGrantsRepository,
    NamespaceOwnership,
    NamespacesService,
    NamespacesResolver,
  ],
  exports: [ApplicationsService, ApplicationLifecycle],
})
export class ApplicationsModule {}
