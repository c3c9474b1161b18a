// Finding residents: one box (name in characters, pinyin or initials, a whole ID or phone
// number, an address) and filters, in scope, paged and sorted; and every match, for export.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { listPage, countAll, offsetOf } from '../../../platform/list-page.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { inScope, requirePermission, type Actor } from '../../../platform/auth/scope.ts';
import type { Page, ResidentFilter, ResidentQuery, ResidentView } from '../contract.ts';
import { idNumberProblemMessage, validateIdNumber } from '../id-number.ts';
import { kindCatalogue, visibleMembershipCondition } from '../key-groups/catalogue.ts';
import { mobileProblemMessage, validateMobile } from '../phone.ts';
import { searchTermKind } from '../pinyin.ts';
import { residents } from '../schema.ts';
import { tsqueryFor } from '../text-search.ts';
import { chinaToday } from '../vocabulary.ts';
import { pathOfCode, underPath, validationFailed } from './common.ts';
import { splitHouseTerm } from './houses.ts';
import type { Resident } from './load.ts';
import { identifierIn, withIdentifierLookup, type IdentifierTerm } from './identifier-lookups.ts';
import { presentResidents } from './present-residents.ts';
import type { Reveal } from './reveal.ts';

function nameCondition(pii: PiiCipher, typed: string): SQL {
  const term = typed.trim();
  const kind = searchTermKind(term);
  const lower = term.normalize('NFKC').toLowerCase().replace(/[\s'’-]/g, '').replaceAll('ü', 'v');
  switch (kind) {
    case 'digits': {
      const id = validateIdNumber(term);
      if (id.ok) return sql`${residents.idNumberHash} = ${pii.lookupHash(id.value)}`;
      const phone = validateMobile(term);
      if (phone.ok) return sql`${residents.phoneHash} = ${pii.lookupHash(phone.value)}`;
      // Identifiers are found only whole: a fragment cannot be looked up through a keyed hash.
      return sql`false`;
    }
    case 'initials':
      // Some initials also read as pinyin (艾娥 → ae): try both keys.
      return sql`(${residents.nameInitials} like ${`${lower}%`} or ${residents.namePinyin} like ${`${lower}%`})`;
    case 'pinyin':
      return sql`(${residents.namePinyin} like ${`${lower}%`} or ${residents.nameInitials} = ${lower})`;
    case 'chinese': {
      if (Array.from(term).length === 1) return sql`${residents.name} like ${`%${term.replace(/[\\%_]/g, '\\$&')}%`}`;
      const query = tsqueryFor(term);
      return query ? sql`${residents.search} @@ ${query}::tsquery` : sql`true`;
    }
  }
}

/** Builds the scoped WHERE of a resident search. */
async function residentWhere(db: Db, pii: PiiCipher, actor: Actor, q: ResidentFilter): Promise<SQL> {
  const conditions: SQL[] = [inScope(actor, 'registry.read', residents.orgPath)];
  const path = await pathOfCode(db, q.under);
  if (path) conditions.push(underPath(sql`${residents.orgPath}`, path));
  const status = q.status ?? 'active';
  if (status !== 'any') conditions.push(eq(residents.status, status));
  if (q.q) {
    // One box: a name (characters, pinyin, initials), a whole ID or phone number, or an address.
    const kind = searchTermKind(q.q);
    const query = kind === 'chinese' ? tsqueryFor(q.q) : undefined;
    const byAddress = query
      ? sql`${residents.houseId} in (select h.id from houses h join buildings b on b.id = h.building_id where b.search @@ ${query}::tsquery)`
      : sql`false`;
    conditions.push(sql`(${nameCondition(pii, q.q)} or ${byAddress})`);
  }
  if (q.name) conditions.push(nameCondition(pii, q.name));
  if (q.idNumber) {
    const id = validateIdNumber(q.idNumber);
    if (!id.ok) throw validationFailed([{ field: 'body.idNumber', message: `${idNumberProblemMessage(id.reason, 'zh-CN')}（按身份证号查询须输入完整号码）` }]);
    conditions.push(eq(residents.idNumberHash, pii.lookupHash(id.value)));
  }
  if (q.phone) {
    const phone = validateMobile(q.phone);
    if (!phone.ok) throw validationFailed([{ field: 'body.phone', message: `${mobileProblemMessage(phone.reason, 'zh-CN')}（按手机号查询须输入完整号码）` }]);
    conditions.push(eq(residents.phoneHash, pii.lookupHash(phone.value)));
  }
  if (q.address) {
    const { words, number } = splitHouseTerm(q.address);
    const query = words ? tsqueryFor(words) : undefined;
    const numberCondition = number ? sql`and h.number = ${number}` : sql``;
    conditions.push(sql`${residents.houseId} in (select h.id from houses h join buildings b on b.id = h.building_id where ${query ? sql`b.search @@ ${query}::tsquery` : sql`true`} ${numberCondition})`);
  }
  if (q.buildingId) conditions.push(sql`${residents.houseId} in (select id from houses where building_id = ${q.buildingId})`);
  if (q.houseId) conditions.push(eq(residents.houseId, q.houseId));
  if (q.householdId) conditions.push(eq(residents.householdId, q.householdId));
  if (q.residenceType) conditions.push(eq(residents.residenceType, q.residenceType));
  if (q.gender) conditions.push(eq(residents.gender, q.gender));
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  // Born on or before today's date ageMin years ago; after today's date ageMax+1 years ago.
  if (q.ageMin !== undefined) conditions.push(sql`${residents.birthDate} <= ${`${year - q.ageMin}${today.slice(4)}`}::date`);
  if (q.ageMax !== undefined) conditions.push(sql`${residents.birthDate} > ${`${year - q.ageMax - 1}${today.slice(4)}`}::date`);
  if (q.keyGroup || q.overdue) {
    const catalogue = await kindCatalogue(db);
    const kind = q.keyGroup ? catalogue.get(q.keyGroup) : undefined;
    if (q.keyGroup && !kind) throw validationFailed([{ field: 'querystring.keyGroup', message: `没有人群类别 ${q.keyGroup}` }]);
    if (kind?.sensitive) requirePermission(actor, 'registry.sensitive');
    conditions.push(sql`exists (select 1 from key_group_memberships m where m.resident_id = ${residents.id} and m.until is null
      ${kind ? sql`and m.kind = ${kind.code}` : sql``}
      ${q.overdue ? sql`and m.next_visit_due < ${today}::date` : sql``}
      and ${visibleMembershipCondition(actor, sql`m`)})`);
  }
  return and(...conditions) as SQL;
}

function residentOrder(q: ResidentFilter): SQL[] {
  const dir = q.order === 'desc' ? sql`desc` : sql`asc`;
  const column = {
    name: sql`${residents.namePinyin}`,
    birthDate: sql`${residents.birthDate}`,
    createdAt: sql`${residents.createdAt}`,
    updatedAt: sql`${residents.updatedAt}`,
  }[q.sort ?? 'name'];
  return [sql`${column} ${dir}`, sql`${residents.id} ${dir}`];
}

/** The whole ID and phone numbers a search looks people up by (a malformed one is refused later, finding nobody). */
export function identifierTermsOf(q: ResidentFilter): IdentifierTerm[] {
  const terms = [identifierIn('q', q.q), identifierIn('name', q.name)];
  if (q.idNumber) {
    const id = validateIdNumber(q.idNumber);
    if (id.ok) terms.push({ field: 'idNumber', param: 'idNumber', value: id.value });
  }
  if (q.phone) {
    const phone = validateMobile(q.phone);
    if (phone.ok) terms.push({ field: 'phone', param: 'phone', value: phone.value });
  }
  return terms.filter((t): t is IdentifierTerm => t !== null);
}

/**
 * Searches residents in scope: paged, sorted, presented masked unless revealed (and then
 * audited). A search by a whole ID or phone number is rate-limited and audited.
 */
export async function searchResidents(db: Db, pii: PiiCipher, actor: Actor, q: ResidentQuery, reveal: Reveal | null, context = 'search'): Promise<Page<ResidentView>> {
  requirePermission(actor, 'registry.read');
  const where = await residentWhere(db, pii, actor, q);
  return withIdentifierLookup(
    db,
    pii,
    actor,
    { terms: identifierTermsOf(q), context },
    () =>
      listPage(
        q,
        db.select().from(residents).where(where).orderBy(...residentOrder(q)).limit(q.pageSize).offset(offsetOf(q)),
        db.select(countAll).from(residents).where(where),
        (rows) => presentResidents(db, pii, actor, rows, reveal, 'search'),
      ),
    (page) => page.total,
  );
}

/** Every resident a search finds, in pages of `batch`, for export (bounded memory). */
export async function* eachResident(db: Db, pii: PiiCipher, actor: Actor, q: ResidentFilter, batch = 2000): AsyncGenerator<Resident[]> {
  requirePermission(actor, 'registry.read');
  const where = await residentWhere(db, pii, actor, q);
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(residents).where(where).orderBy(...residentOrder(q)).limit(batch).offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

