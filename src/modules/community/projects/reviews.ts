// Expert review: a panel member declares a conflict of interest (and then gives no scores)
// or scores every criterion; a member may revise their sheet while the call is in review.
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { shownName, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ApplicationDetail, ReviewBody } from '../contract/projects.ts';
import { projectReviews } from '../schema/projects.ts';
import { getApplication } from './applications.ts';
import { addEvent, assertStanding, invalid, loadApplication, loadCall } from './common.ts';
import { scoreSheetProblems } from './scoring.ts';

/** Records (or replaces) the expert's review of an application. */
export async function reviewApplication(db: Db, actor: Actor, id: string, body: ReviewBody): Promise<ApplicationDetail> {
  const app = await loadApplication(db, id);
  await assertStanding(db, actor, app, 'expert');
  const call = await loadCall(db, app.callId);
  if (call.status !== 'reviewing') throw new AppError('CONFLICT', { reason: '项目不在评审阶段 / the call is not in review' });
  if (body.conflict) {
    if (Object.keys(body.scores).length) throw invalid([{ field: 'body.scores', message: '申明利益冲突后不能打分 / a member with a conflict gives no scores' }]);
    if (!body.conflictNote) throw invalid([{ field: 'body.conflictNote', message: '请说明利益冲突 / describe the conflict' }]);
  } else {
    const problems = scoreSheetProblems(call.criteria, body.scores);
    if (problems.length) throw invalid(problems);
  }
  const values = { applicationId: id, reviewerId: actor.id!, reviewerName: shownName(actor), conflict: body.conflict, conflictNote: body.conflictNote ?? null, scores: body.conflict ? {} : body.scores };
  await db.transaction(async (tx) => {
    await tx.insert(projectReviews).values(values).onConflictDoUpdate({ target: [projectReviews.applicationId, projectReviews.reviewerId], set: { conflict: values.conflict, conflictNote: values.conflictNote, scores: values.scores, reviewedAt: sql`now()` } });
    await addEvent(tx, actor, { callId: app.callId, applicationId: id, kind: body.conflict ? 'review.conflict' : 'review.score', summary: body.conflict ? `${shownName(actor)} 申明利益冲突，回避评审` : `${shownName(actor)} 完成评分` });
    await recordAudit(tx, actor, { action: 'community.project_application.review', targetType: 'project_application', targetId: id, orgPath: app.orgPath, details: { conflict: body.conflict } });
  });
  return getApplication(db, actor, id, 'expert');
}
