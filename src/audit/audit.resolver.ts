import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditService, type AuditPage } from './audit.service';
import { ListAuditEventsDto } from './dto/audit.dto';
import { AuditEventPageType } from './graphql/audit-event.type';
import { RequiresRole } from '../common/access/requires-role.decorator';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @RequiresRole('admin', { allApplications: true })
  @Query(() => AuditEventPageType, { name: 'auditEvents', description: 'The audit log, newest first (admin).' })
  list(@Args() query: ListAuditEventsDto): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
