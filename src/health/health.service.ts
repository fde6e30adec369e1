import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { PrismaService } from '../database/prisma.service';

const READY_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(private readonly prisma: PrismaService) {}

  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError(ErrorCode.DatabaseUnavailable, 'The database did not answer in time')),
        READY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.prisma.ping(), timeout]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(ErrorCode.DatabaseUnavailable, 'The database is unavailable');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up' };
  }
}
