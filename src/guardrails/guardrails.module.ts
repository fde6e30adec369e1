import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GuardrailsController } from './guardrails.controller';
import { GuardrailsRepository } from './guardrails.repository';
import { GuardrailsResolver } from './guardrails.resolver';
import { GuardrailsService } from './guardrails.service';

@Module({
  imports: [AuditModule],
  controllers: [GuardrailsController],
  providers: [GuardrailsService, GuardrailsRepository, GuardrailsResolver],
  exports: [GuardrailsService],
})
export class GuardrailsModule {}
