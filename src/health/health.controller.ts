import { Controller, Get } from '@nestjs/common';
import { HealthService } from './health.service';
import { Public } from '../common/access/requires-role.decorator';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. */
  @Public()
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers (503 `database/unavailable` otherwise) and no shutdown began (503 `service/shutting_down`). */
  @Public()
  @Get('ready')
  ready() {
    return this.health.ready();
  }
}
