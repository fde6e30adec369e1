import { prepareTemplate } from '../support/database';
import { buildService } from '../support/service-process';

/**
 * The slow project's global setup: the database template (once for the run, shared with the e2e
 * project's setup) and the built service that the process specs start (npm run build, when stale).
 */
export default async function globalSetup(): Promise<void> {
  await prepareTemplate();
  buildService();
}
