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
 * The actor for a web request. Until sign-in exists every visitor is "anonymous"; the origin records the
 * client address so the audit trail still says where a change came from.
 */
export function webActor(request: { id: string; ip: string }): ActorContext {
  return { actor: 'web:anonymous', origin: `web ${request.ip}`, correlationId: request.id };
}
