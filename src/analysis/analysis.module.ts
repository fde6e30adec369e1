import { Module } from '@nestjs/common';
import { VersionsModule } from '../versions/versions.module';
import { AnalysisController, DriftController } from './analysis.controller';
import { AnalysisService } from './analysis.service';

@Module({
  imports: [VersionsModule],
  controllers: [AnalysisController, DriftController],
  providers: [AnalysisService],
})
export class AnalysisModule {}
