import type { ContractClient } from './api';

/**
 * The admin token of every test app: createTestApp() passes it as FLOWPOLICY_ADMIN_TOKEN, and
 * contractClient() and gql() send it unless told otherwise (`token: null` sends none).
 */
export const TEST_ADMIN_TOKEN = 'fp_test-admin-token-0123456789abcdefghijklmnop';

export type Role = 'viewer' | 'editor' | 'publisher' | 'admin';

let issued = 0;

/** A new token through the API (as the test admin); answers its secret. Names are unique: `<role>-token-<n>` unless given. */
export async function issueToken(
  api: ContractClient,
  input: { role: Role; applications?: string[]; expiresAt?: string; name?: string },
): Promise<string> {
  const response = await api.post('/v1/tokens', {
    name: input.name ?? `${input.role}-token-${(issued += 1)}`,
    ...input,
  });
  if (response.status !== 201) throw new Error(`create token: ${response.status} ${response.text}`);
  return response.body.token as string;
}
