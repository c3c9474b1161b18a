// Application numbers: a prefix, the Beijing day and a daily sequence (FW20261130-00001); a
// bundle's application has its own prefix (YJS). The counter row is taken by an atomic upsert.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db.ts';

/** YYYYMMDD of the instant in Beijing time (UTC+8, no DST). */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** The next number under a prefix for the day of `at`. */
export async function nextNumber(db: Db, prefix: 'FW' | 'YJS', at = new Date()): Promise<string> {
  const day = beijingDay(at);
  const [row] = await queryRows<{ seq: number }>(
    db,
    sql`insert into service_application_counters (prefix, day, seq) values (${prefix}, ${day}, 1)
        on conflict (prefix, day) do update set seq = service_application_counters.seq + 1
        returning seq`,
  );
  return `${prefix}${day}-${String(row?.seq ?? 1).padStart(5, '0')}`;
}
