/** Roles in rising order of trust: each role can do everything the ones before it can. */
import { z } from 'zod';

export const ROLES = ['leser', 'analytiker', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export interface User {
  /** Stable id for the audit log: "local:<username>", "oidc:<sub>", "cli:<os user>", "demo". */
  id: string;
  name: string;
  role: Role;
}

export const hasRole = (user: User, needed: Role): boolean => ROLES.indexOf(user.role) >= ROLES.indexOf(needed);

/** What each role may do, in Norwegian, for 403 messages. */
export const ROLE_CAN: Record<Role, string> = {
  leser: 'aggregerte tall',
  analytiker: 'aggregerte tall, detaljer per opphold og eksport',
  admin: 'alt, også opplasting, regelsett og merknader',
};
