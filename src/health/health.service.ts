import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { PrismaService } from '../database/prisma.service';

const READY_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  private shuttingDown = false;

  constructor(private readonly prisma: PrismaService) {}

  /** From now on readiness answers 503 (src/shutdown): load balancers stop sending while the service still serves. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    if (this.shuttingDown) {
      throw new AppError(ErrorCode.ShuttingDown, 'The service is shutting down; send requests to another replica');
    }
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
