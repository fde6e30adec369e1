import { removeTemplate } from '../support/database';

/** Drops the run's template and any database a test file failed to drop. */
export default async function globalTeardown(): Promise<void> {
  await removeTemplate();
}
