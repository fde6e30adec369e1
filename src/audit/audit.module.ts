import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/** The audit log: read here; written by every feature's service through AuditRepository.record(tx, ...). */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditResolver],
  exports: [AuditRepository],
})
export class AuditModule {}
