import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/test-db.ts';
import { systemActor } from './actor.ts';
import { createAuditRepository } from './audit.repository.ts';
import { createAuditWriter, findBrokenLink } from './audit.ts';

describeEachDatabase('audit chain', (getDb) => {
  const repository = createAuditRepository();
  const writer = createAuditWriter(repository);

  it('links each event to the one before and detects tampering', async () => {
    const { db } = getDb();
    const ctx = systemActor('test');
    for (const n of [1, 2, 3]) {
      await db.transaction().execute((trx) =>
        writer.record(trx, ctx, {
          action: 'test.do',
          subjectType: 'thing',
          subjectId: String(n),
          details: { n },
        }),
      );
    }
    const events = await repository.listAll(db);
    expect(events).toHaveLength(3);
    expect(findBrokenLink(events)).toBeUndefined();

    const altered = events.map((e) => (e.id === events[1]!.id ? { ...e, details: { n: 99 } } : e));
    expect(findBrokenLink(altered)).toEqual({
      id: events[1]!.id,
      reason: expect.stringContaining('changed'),
    });

    const removed = [events[0]!, events[2]!];
    expect(findBrokenLink(removed)?.id).toBe(events[2]!.id);
  });

  it('writes nothing when the surrounding transaction fails', async () => {
    const { db } = getDb();
    const before = (await repository.listAll(db)).length;
    await expect(
      db.transaction().execute(async (trx) => {
        await writer.record(trx, systemActor('test'), {
          action: 'test.fail',
          subjectType: 'thing',
          subjectId: 'x',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repository.listAll(db)).toHaveLength(before);
  });
});

describe('findBrokenLink', () => {
  it('accepts an empty chain', () => {
    expect(findBrokenLink([])).toBeUndefined();
  });
});
