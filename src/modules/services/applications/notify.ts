// Every status change is pushed to the applicant (主动推送): in-app (and live over SSE) when
// they applied with an account, and by SMS to the phone they gave, in the change's transaction.
import type { Db } from '../../../platform/db.ts';
import { notifyUsers, queueChannelMessage } from '../../notifications/index.ts';
import { statusLabels } from '../labels.ts';
import type { ApplicationRow, ServiceDeps } from './common.ts';

/** Tells the applicant where their application stands now. */
export async function notifyApplicant(deps: ServiceDeps, tx: Db, app: ApplicationRow, itemName: string): Promise<void> {
  const status = statusLabels[app.status];
  if (app.applicantUserId) {
    await notifyUsers(tx, {
      userIds: [app.applicantUserId],
      kind: 'services.application',
      title: `${itemName}：${status}`,
      body: `您的申请（编号 ${app.number}）${status}`,
      subjectType: 'service_application',
      subjectId: app.number,
      link: `/portal/services/applications/${app.number}`,
    });
  }
  await queueChannelMessage(tx, deps, { channel: 'sms', to: deps.pii.decrypt(app.phoneEnc), kind: 'application.status', params: { number: app.number, item: itemName, status } });
}
