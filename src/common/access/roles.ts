/**
 * Roles, weakest first; each includes every role before it. viewer reads and asks questions,
 * editor changes topologies, publisher publishes versions and moves channels, admin manages
 * applications and tokens.
 */
export const ROLES = ['viewer', 'editor', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `held` includes `needed` (admin includes publisher includes editor includes viewer). */
export function roleIncludes(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
