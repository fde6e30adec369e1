// Prepares the databases e2e specs need; filled in by the database harness.
export default async function globalSetup(): Promise<void> {}
