import { Controller, Get, Query } from '@nestjs/common';
import { toAuditPageResponse } from './audit.response';
import { AuditService } from './audit.service';
import { ListAuditEventsDto } from './dto/audit.dto';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequiresRole('admin', { allApplications: true })
  async list(@Query() query: ListAuditEventsDto) {
    return toAuditPageResponse(await this.audit.list(query));
  }
}
