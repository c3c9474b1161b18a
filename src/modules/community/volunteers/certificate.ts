// The certificate of service hours (志愿服务证明): issued through the certificates module, which
// keeps it and answers for it by an unguessable code. What it says is public, so the holder's
// name is masked and no identifier is printed.
import { sql } from 'drizzle-orm';
import { maskName } from '../../registry/index.ts';
import { issueCertificate } from '../../certificates/index.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { starLevel } from '../contract.ts';
import { namesOfPaths } from '../places.ts';
import { hoursText } from './hours.ts';
import { effectiveMinutesByVolunteer } from './records.ts';
import { readSettings } from './settings.ts';
import type { VolunteerRow } from './volunteers.ts';
import { beijingYear } from '../../../platform/beijing-time.ts';

/** Issues a certificate of the volunteer's hours as of now; each issue has its own number. */
export async function issueHoursCertificate(db: Db, actor: Actor, volunteer: VolunteerRow, now = new Date()): Promise<{ code: string; number: string }> {
  const minutes = (await effectiveMinutesByVolunteer(db, [volunteer.id])).get(volunteer.id) ?? 0;
  if (minutes === 0) throw new AppError('COMMUNITY_NO_HOURS');
  const [settings, names, counts] = await Promise.all([
    readSettings(db),
    namesOfPaths(db, [volunteer.orgPath]),
    queryRows<{ n: number; first: string | null }>(db, sql`select count(*)::int as n, to_char(min(started_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as first from community_service_records where volunteer_id = ${volunteer.id}::uuid`),
  ]);
  const issuerName = names.get(volunteer.orgPath) ?? '';
  return db.transaction((tx) =>
    issueCertificate(tx, actor, {
      kind: 'volunteer_hours',
      numberPrefix: `ZYFW-${beijingYear(now)}-`,
      serialDigits: 6,
      title: '志愿服务证明',
      holder: maskName(volunteer.name),
      facts: [
        { label: '累计志愿服务时长', value: `${hoursText(minutes)} 小时` },
        { label: '服务记录', value: `${counts[0]!.n} 条，自 ${counts[0]!.first ?? '—'} 起` },
        { label: '星级', value: `${starLevel(minutes, settings.starThresholds)} 星` },
        { label: '截至', value: now.toISOString().slice(0, 10) },
      ],
      orgPath: volunteer.orgPath,
      issuerName,
    }),
  );
}
