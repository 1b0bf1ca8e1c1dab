import { LOCKED_TOPIC_STATUSES, type TopicStatus, type UnitKind } from '../../../shared/domain/enums';
import type { CoreContext } from '../context';
import { stmt } from '../db/statements';
import { LedgerError } from '../errors';

/** A referenced record must exist: say which field points nowhere instead of SQLite's "FOREIGN KEY constraint failed". */
export function requireRef(ctx: CoreContext, table: 'units' | 'people' | 'campaigns' | 'topics' | 'subtopics', id: string | null | undefined, label: string): void {
  if (!id) return;
  if (!stmt(ctx.db, `SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw new LedgerError('VALIDATION', `「${label}」所选的记录不存在，可能已被删除，请重新选择。`, [{ path: label, message: '记录不存在' }]);
  }
}

export function requireUnitKind(ctx: CoreContext, id: string | null | undefined, label: string, kinds: readonly UnitKind[]): void {
  if (!id) return;
  requireRef(ctx, 'units', id, label);
  const row = stmt(ctx.db, 'SELECT name, kind FROM units WHERE id = ?').get(id) as { name: string; kind: UnitKind };
  if (!kinds.includes(row.kind)) {
    throw new LedgerError('VALIDATION', `「${label}」应选择${kinds.join('或')}，「${row.name}」是${row.kind}。`, [{ path: label, message: '组织类型不符' }]);
  }
}

interface TopicState {
  id: string;
  title: string;
  status: TopicStatus;
}

export function topicState(ctx: CoreContext, topicId: string): TopicState {
  const row = stmt(ctx.db, 'SELECT id, title, status FROM topics WHERE id = ?').get(topicId) as TopicState | undefined;
  if (!row) throw new LedgerError('NOT_FOUND', '找不到该课题，可能已被删除。');
  return row;
}

export const isTopicLocked = (status: TopicStatus) => LOCKED_TOPIC_STATUSES.includes(status);

/** A closed (已结题) or accepted (已验收) topic and everything under it is read-only until re-opened. */
export function assertTopicEditable(ctx: CoreContext, topicId: string): TopicState {
  const topic = topicState(ctx, topicId);
  if (isTopicLocked(topic.status)) {
    throw new LedgerError('LOCKED', `课题「${topic.title}」${topic.status}，不能修改；如需修改，请先“重新打开”课题并说明原因。`);
  }
  return topic;
}

export function assertSubtopicEditable(ctx: CoreContext, subtopicId: string): { topicId: string; title: string; status: string } {
  const row = stmt(ctx.db, 'SELECT topic_id AS topicId, title, status FROM subtopics WHERE id = ?').get(subtopicId) as
    | { topicId: string; title: string; status: string }
    | undefined;
  if (!row) throw new LedgerError('NOT_FOUND', '找不到该小课题，可能已被删除。');
  assertTopicEditable(ctx, row.topicId);
  if (row.status === '已销号') {
    throw new LedgerError('LOCKED', `小课题「${row.title}」已销号，不能修改；如需修改，请先“重新打开”并说明原因。`);
  }
  return row;
}

/** A sub-topic named on a progress entry must belong to the same topic. */
export function requireSubtopicOfTopic(ctx: CoreContext, subtopicId: string | null | undefined, topicId: string): void {
  if (!subtopicId) return;
  const row = stmt(ctx.db, 'SELECT topic_id AS topicId FROM subtopics WHERE id = ?').get(subtopicId) as { topicId: string } | undefined;
  if (!row) throw new LedgerError('VALIDATION', '「所属小课题」所选的记录不存在，请重新选择。');
  if (row.topicId !== topicId) throw new LedgerError('VALIDATION', '「所属小课题」不属于该课题，请重新选择。');
}

/**
 * Translate a UNIQUE violation into the clerk's words; anything else goes on
 * as it is. `field` names the input field the duplicate is in, so a form can
 * show the sentence beside that field.
 */
export function onConflict<T>(message: string, write: () => T, field?: string): T {
  try {
    return write();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new LedgerError('CONFLICT', message, field ? [{ path: field, message }] : undefined);
    throw err;
  }
}

/**
 * A pasted block written row by row. A refusal names its row and says that
 * nothing was written: the dispatch's one transaction undoes the rows before it.
 */
export function rowByRow<T, R>(rows: readonly T[], where: (row: T, n: number) => string, nothing: string, write: (row: T, i: number) => R): R[] {
  return rows.map((row, i) => {
    try {
      return write(row, i);
    } catch (err) {
      if (err instanceof LedgerError) throw new LedgerError(err.code, `${where(row, i + 1)}${err.message}${nothing}`, err.details);
      throw err;
    }
  });
}
