import { randomUUID } from 'node:crypto';
import os from 'node:os';

/** Who is doing something, from where, under which request: passed to every service that changes state. */
export interface ActorContext {
  /** A user id, or a label such as "cli:alice" or "system:demo-seed". Never a name or e-mail address. */
  readonly actor: string;
  /** "web 203.0.113.5", "cli" or "system". */
  readonly origin: string;
  readonly correlationId: string;
}

export function cliActor(): ActorContext {
  return { actor: `cli:${os.userInfo().username}`, origin: 'cli', correlationId: randomUUID() };
}

export function systemActor(purpose: string): ActorContext {
  return { actor: `system:${purpose}`, origin: 'system', correlationId: randomUUID() };
}

/**
 * The actor for a web request: the signed-in user's id, or "web:anonymous" for a visitor who is not
 * signed in (sign-in itself, public pages); the origin records the client address.
 */
export function webActor(request: {
  id: string;
  ip: string;
  user?: { userId: string } | undefined;
}): ActorContext {
  return {
    actor: request.user ? request.user.userId : 'web:anonymous',
    origin: `web ${request.ip}`,
    correlationId: request.id,
  };
}
