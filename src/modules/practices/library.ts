// The shipped library in the database. Every installation gets it: the public routes load it
// on first use in a process, `gongzhi practices load` and the demo load it on purpose. Loading
// refreshes the shipped rows staff have not edited (version 1) and leaves edited ones alone.
import { sql } from 'drizzle-orm';
import { fromExcluded } from '../../platform/bulk-insert.ts';
import type { Db } from '../../platform/db.ts';
import type { PracticeRecord } from './contract.ts';
import { shippedPractices } from './records/index.ts';
import { divisionPath, provinceOf } from './places.ts';
import { practices } from './schema.ts';

function rowOf(p: PracticeRecord) {
  return {
    ...p,
    themes: [...p.themes],
    features: [...p.features],
    provinceCode: p.divisionCode ? provinceOf(p.divisionCode) : null,
    orgPath: divisionPath(p.divisionCode),
    isShipped: true,
  };
}

/** Upserts the shipped practices; returns how many rows were written. */
export async function loadPracticeLibrary(db: Db): Promise<number> {
  const rows = shippedPractices.map(rowOf);
  const written = await db
    .insert(practices)
    .values(rows)
    .onConflictDoUpdate({
      target: practices.id,
      set: fromExcluded(practices, [
        'source', 'year', 'seq', 'title', 'titleEn', 'placeName', 'divisionCode', 'provinceCode', 'orgPath', 'submitter', 'themes', 'summary', 'summaryEn', 'features',
      ]),
      setWhere: sql`${practices.version} = 1`,
    })
    .returning({ id: practices.id });
  return written.length;
}

const loaded = new WeakMap<Db, Promise<unknown>>();

/** Loads the shipped library once per process and database, before the first read. */
export function ensurePracticeLibrary(db: Db): Promise<unknown> {
  let done = loaded.get(db);
  if (!done) {
    done = loadPracticeLibrary(db).catch((error: unknown) => {
      loaded.delete(db);
      throw error;
    });
    loaded.set(db, done);
  }
  return done;
}
