import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TokensService } from './tokens.service';

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * At start, after migrations: FLOWPOLICY_ADMIN_TOKEN becomes the "bootstrap" admin token; without
 * it, the first start on a database with no token creates an admin token, prints it once on stdout
 * and writes it to `DATA_DIR/admin-token` (mode 0600), so there is always a way in and the secret
 * never reaches the structured logs. A changed FLOWPOLICY_ADMIN_TOKEN revokes the previous secret's
 * token (TokensService.bootstrap), which is logged by id and display prefix.
 */
@Injectable()
export class AdminTokenBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokensService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { created, retired } = await this.tokens.bootstrap({ adminToken: this.config.adminToken });
    if (retired !== undefined) {
      new Logger('Tokens').warn(
        `FLOWPOLICY_ADMIN_TOKEN changed: revoked the previous bootstrap token ${retired.id}, now named "${retired.name}-${retired.id}"`,
      );
    }
    if (created === undefined) return;
    const file = join(this.config.dataDir, ADMIN_TOKEN_FILE);
    mkdirSync(this.config.dataDir, { recursive: true });
    writeFileSync(file, `${created}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // writeFileSync's mode applies only when it creates the file
    process.stdout.write(`flowpolicy: created the first admin token (shown once; also in ${file}): ${created}\n`);
  }
}
