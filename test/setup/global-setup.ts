import { prepareTemplate } from '../support/database';

/** Migrates one template database for the whole run; each test file clones it (test/support/database.ts). */
export default async function globalSetup(): Promise<void> {
  await prepareTemplate();
}
