import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/**
 * The one PrismaService of the process, for every module. Needs APP_CONFIG, so the app imports
 * ConfigModule.forRoot(...) beside it. Start-up fails when the database cannot be reached or migrated.
 */
@Global()
@Module({
  providers: [PrismaService],
  exports: [PrismaService],
})
export class DatabaseModule {}
