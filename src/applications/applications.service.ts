import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { hasPrismaCode, PrismaCode } from '../common/errors/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import type { Tx } from '../database/tx';
import { ApplicationLifecycle } from './application-lifecycle';
import type { Application } from './application.model';
import type { ApplicationScope, Requester } from '../auth/request-context';
import { ApplicationsRepository, type ApplicationWrite } from './applications.repository';

export const DEFAULT_PAGE_SIZE = 100;

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditRepository,
    private readonly lifecycle: ApplicationLifecycle,
  ) {}

  async create({ by, ...input }: ApplicationWrite & { name: string; by: Requester }): Promise<Application> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const application = await this.applications.create(input, tx);
        await this.audit.record(tx, { by, action: 'application.create', application: application.name });
        return application;
      });
    } catch (error) {
      if (hasPrismaCode(error, PrismaCode.UniqueViolation)) {
        throw new AppError(ErrorCode.ApplicationExists, `application "${input.name}" already exists`, [
          { field: 'name', reason: 'is already taken' },
        ]);
      }
      throw error;
    }
  }

  /**
   * A page of applications. `scope` is the caller's (scopeOf(principal)): undefined lists all, a
   * list of names hides every other application, from the items and from the total alike.
   */
  list(page: {
    limit?: number;
    offset?: number;
    scope: ApplicationScope;
  }): Promise<{ items: Application[]; total: number }> {
    return this.applications.list({
      limit: page.limit ?? DEFAULT_PAGE_SIZE,
      offset: page.offset ?? 0,
      scope: page.scope,
    });
  }

  async get({ name }: { name: string }, tx?: Tx): Promise<Application> {
    const application = await this.applications.findByName(name, tx);
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  }

  /** Inside a write transaction: the application, locked against concurrent writers. */
  async lock({ name }: { name: string }, tx: Tx): Promise<Application> {
    const application = await this.applications.lockByName(name, tx);
    if (!application) throw AppError.notFound(ErrorCode.ApplicationNotFound, 'application', name);
    return application;
  }

  update({ name, changes, by }: { name: string; changes: ApplicationWrite; by: Requester }): Promise<Application> {
    return this.prisma.$transaction(async (tx) => {
      const application = await this.lock({ name }, tx);
      const updated = await this.applications.update(application.id, changes, tx);
      await this.audit.record(tx, {
        by,
        action: 'application.update',
        application: name,
        details: { changes: structuredClone(changes) },
      });
      return updated;
    });
  }

  async delete({ name, by }: { name: string; by: Requester }): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const application = await this.lock({ name }, tx);
      await this.applications.delete(application.id, tx);
      await this.audit.record(tx, { by, action: 'application.delete', application: name });
    });
    this.lifecycle.deleted(name);
  }
}
