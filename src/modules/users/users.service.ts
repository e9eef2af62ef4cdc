// Local accounts: argon2id password hashes, lockout after repeated failures, server-side sessions whose
// tokens are stored only as hashes, and an audit event for every change and every sign-in attempt.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError, ValidationError, type Problem } from '../../platform/errors.ts';
import { ROLES, type Membership, type Principal, type Role } from '../../platform/policies.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 60;
export const SESSION_ABSOLUTE_HOURS = 8;
export const MIN_PASSWORD_LENGTH = 12;

const ARGON2ID = 2; // @node-rs/argon2 Algorithm.Argon2id (a const enum, so not importable at run time)
const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface SignedInUser extends Principal {
  userId: string;
  username: string;
  displayName: string;
  csrfToken: string;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  demo: boolean;
  lockedUntil: Date | null;
  memberships: Membership[];
}

export class SignInError extends ValidationError {}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function checkPassword(password: string, field: string): Problem[] {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [{ field, message: `Password must be ${MIN_PASSWORD_LENGTH} characters or more` }];
  }
  if (password.length > 128) return [{ field, message: 'Password must be 128 characters or fewer' }];
  return [];
}

export function createUsersService(deps: {
  db: Kysely<DB>;
  repository: UsersRepository;
  audit: AuditWriter;
  organisations: OrganisationsService;
  now?: () => Date;
}) {
  const { db, repository, audit } = deps;
  const now = deps.now ?? (() => new Date());
  // Verifying against a real hash when the user does not exist keeps response times alike.
  const decoy = argonHash(randomBytes(16).toString('hex'), HASH_OPTIONS);

  async function summary(u: UserRow): Promise<UserSummary> {
    const memberships = await repository.memberships(db, u.id);
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      disabled: u.disabled,
      demo: u.demo,
      lockedUntil: u.locked_until,
      memberships: memberships.map((m) => ({ organisationId: m.organisation_id, role: m.role as Role })),
    };
  }

  async function requireUser(username: string): Promise<UserRow> {
    const u = await repository.findByUsername(db, username.trim().toLowerCase());
    if (!u) throw new NotFoundError(`There is no user "${username}". Run "clmd users list" to see them.`);
    return u;
  }

  return {
    async add(
      ctx: ActorContext,
      input: {
        username: string;
        displayName: string;
        password: string;
        memberships: Membership[];
        demo?: boolean;
      },
    ): Promise<UserSummary> {
      const username = input.username.trim().toLowerCase();
      const problems: Problem[] = [];
      if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
        problems.push({
          field: 'username',
          message:
            'Username must be 3 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit',
        });
      } else if (await repository.findByUsername(db, username)) {
        problems.push({ field: 'username', message: `The username "${username}" is already taken` });
      }
      if (!input.displayName.trim()) problems.push({ field: 'name', message: 'Enter the person’s name' });
      problems.push(...checkPassword(input.password, 'password'));
      if (!input.memberships.length)
        problems.push({ field: 'role', message: 'Give at least one organisation and role' });
      const organisations = new Set((await deps.organisations.list()).map((o) => o.id));
      for (const m of input.memberships) {
        if (!organisations.has(m.organisationId)) {
          problems.push({ field: 'organisation', message: `There is no organisation "${m.organisationId}"` });
        }
        if (!(ROLES as readonly string[]).includes(m.role)) {
          problems.push({
            field: 'role',
            message: `"${m.role}" is not a role. Use one of: ${ROLES.join(', ')}`,
          });
        }
      }
      if (problems.length) throw new ValidationError('The user was not added.', problems);
      const id = randomUUID();
      const passwordHash = await argonHash(input.password, HASH_OPTIONS);
      await db.transaction().execute(async (trx) => {
        await repository.insert(trx, {
          id,
          username,
          display_name: input.displayName.trim(),
          password_hash: passwordHash,
          disabled: false,
          demo: input.demo ?? false,
        });
        for (const m of input.memberships) {
          await repository.addMembership(trx, {
            user_id: id,
            organisation_id: m.organisationId,
            role: m.role,
          });
        }
        await audit.record(trx, ctx, {
          action: 'user.add',
          subjectType: 'user',
          subjectId: id,
          details: {
            memberships: input.memberships.map((m) => `${m.organisationId}:${m.role}`),
            demo: input.demo ?? false,
          },
        });
      });
      return summary((await repository.findById(db, id))!);
    },

    /** Display names for actor ids that are users; labels such as "cli:alice" stand for themselves. */
    async actorNames(actors: readonly string[]): Promise<Map<string, string>> {
      const names = new Map(
        actors.map((a) => [a, a === 'web:anonymous' ? 'a visitor who was not signed in' : a]),
      );
      for (const u of await repository.list(db)) if (names.has(u.id)) names.set(u.id, u.display_name);
      return names;
    },

    async list(): Promise<UserSummary[]> {
      return Promise.all((await repository.list(db)).map(summary));
    },

    async disable(ctx: ActorContext, username: string): Promise<void> {
      const u = await requireUser(username);
      await db.transaction().execute(async (trx) => {
        await repository.update(trx, u.id, { disabled: true });
        await repository.deleteSessionsOf(trx, u.id);
        await audit.record(trx, ctx, { action: 'user.disable', subjectType: 'user', subjectId: u.id });
      });
    },

    async resetPassword(ctx: ActorContext, username: string, password: string): Promise<void> {
      const u = await requireUser(username);
      const problems = checkPassword(password, 'password');
      if (problems.length) throw new ValidationError('The password was not changed.', problems);
      const passwordHash = await argonHash(password, HASH_OPTIONS);
      await db.transaction().execute(async (trx) => {
        await repository.update(trx, u.id, {
          password_hash: passwordHash,
          password_changed_at: now(),
          failed_attempts: 0,
          locked_until: null,
        });
        await repository.deleteSessionsOf(trx, u.id);
        await audit.record(trx, ctx, { action: 'user.reset-password', subjectType: 'user', subjectId: u.id });
      });
    },

    /** Checks a username and password; on success starts a session and returns its token. */
    async signIn(
      ctx: ActorContext,
      username: string,
      password: string,
    ): Promise<{ token: string; user: SignedInUser }> {
      const refuse = (message: string) =>
        new SignInError('Sign-in failed.', [{ field: 'username', message }]);
      const generic = 'Enter a correct username and password';
      const u = await repository.findByUsername(db, username.trim().toLowerCase());
      if (!u) {
        await argonVerify(await decoy, password).catch(() => false);
        await db.transaction().execute((trx) =>
          audit.record(trx, ctx, {
            action: 'user.sign-in-failed',
            subjectType: 'user',
            subjectId: 'unknown',
          }),
        );
        throw refuse(generic);
      }
      const at = now();
      if (u.locked_until && u.locked_until > at) {
        throw refuse(
          `This account is locked after too many failed attempts. Try again after ${u.locked_until.toISOString().slice(11, 16)} UTC, or ask an administrator to reset your password.`,
        );
      }
      const ok = !u.disabled && (await argonVerify(u.password_hash, password).catch(() => false));
      if (!ok) {
        const attempts = u.failed_attempts + 1;
        const lock =
          attempts >= MAX_FAILED_ATTEMPTS ? new Date(at.getTime() + LOCKOUT_MINUTES * 60_000) : null;
        await db.transaction().execute(async (trx) => {
          await repository.update(trx, u.id, { failed_attempts: lock ? 0 : attempts, locked_until: lock });
          await audit.record(trx, ctx, {
            action: lock ? 'user.locked' : 'user.sign-in-failed',
            subjectType: 'user',
            subjectId: u.id,
            details: { attempts },
          });
        });
        throw refuse(generic);
      }
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await db.transaction().execute(async (trx) => {
        await repository.update(trx, u.id, { failed_attempts: 0, locked_until: null });
        await repository.insertSession(trx, {
          token_hash: hashToken(token),
          user_id: u.id,
          csrf_token: csrfToken,
          created_at: at,
          last_seen_at: at,
          expires_at: new Date(at.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000),
        });
        await audit.record(
          trx,
          { ...ctx, actor: u.id },
          { action: 'user.sign-in', subjectType: 'user', subjectId: u.id },
        );
      });
      const s = await summary(u);
      return {
        token,
        user: {
          userId: u.id,
          username: u.username,
          displayName: u.display_name,
          memberships: s.memberships,
          csrfToken,
        },
      };
    },

    /** The signed-in user for a session token, or undefined when it is unknown, expired or idle too long. */
    async resolveSession(token: string): Promise<SignedInUser | undefined> {
      const tokenHash = hashToken(token);
      const s = await repository.findSession(db, tokenHash);
      if (!s) return undefined;
      const at = now();
      const idle = at.getTime() - s.last_seen_at.getTime() > SESSION_IDLE_MINUTES * 60_000;
      // Every request resolves its session: the user and their memberships are read together.
      const [u, memberships] = await Promise.all([
        repository.findById(db, s.user_id),
        repository.memberships(db, s.user_id),
      ]);
      if (!u || u.disabled || idle || s.expires_at <= at) {
        await repository.deleteSession(db, tokenHash);
        return undefined;
      }
      // Only write when a minute has passed, so busy pages do not write on every request.
      if (at.getTime() - s.last_seen_at.getTime() > 60_000) await repository.touchSession(db, tokenHash, at);
      return {
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        csrfToken: s.csrf_token,
        memberships: memberships.map((m) => ({ organisationId: m.organisation_id, role: m.role as Role })),
      };
    },

    async signOut(ctx: ActorContext, token: string): Promise<void> {
      const s = await repository.findSession(db, hashToken(token));
      if (!s) return;
      await db.transaction().execute(async (trx) => {
        await repository.deleteSession(trx, s.token_hash);
        await audit.record(trx, ctx, { action: 'user.sign-out', subjectType: 'user', subjectId: s.user_id });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
