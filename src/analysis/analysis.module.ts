import { Module } from '@nestjs/common';
import { GuardrailsModule } from '../guardrails/guardrails.module';
import { VersionsModule } from '../versions/versions.module';
import { AnalysisController, DriftController } from './analysis.controller';
import { AnalysisService } from './analysis.service';

@Module({
  imports: [VersionsModule, GuardrailsModule],
  controllers: [AnalysisController, DriftController],
  providers: [AnalysisService],
})
export class AnalysisModule {}
