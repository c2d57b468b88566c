/** Who is asking, and may they? Every non-public route goes through requireUser. */
import type { Request } from 'express';
import { forbidden, unauthorized } from '../errors.ts';
import { hasRole, ROLE_CAN, type Role, type User } from './roles.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the auth middleware: the demo user, a session user or the local CLI. */
    user?: User;
  }
}

export function requireUser(req: Request, needed: Role): User {
  const user = req.user;
  if (!user) throw unauthorized();
  if (!hasRole(user, needed)) {
    throw forbidden(`Rollen ${user.role} gir tilgang til ${ROLE_CAN[user.role]}; dette krever rollen ${needed}.`);
  }
  return user;
}
