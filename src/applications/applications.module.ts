import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationsRepository, ApplicationsResolver],
  exports: [ApplicationsService, ApplicationsRepository],
})
export class ApplicationsModule {}
