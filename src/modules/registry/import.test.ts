import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { openDatabase, queryRows, type Database } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { systemActor } from '../../platform/auth/scope.ts';
import { actorSession, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { createConfiguredCipher } from '../../app.ts';
import { checkImport } from './import/check.ts';
import { commitImport } from './import/commit.ts';
import { createImportJob } from './import/jobs.ts';
import { undoImport } from './import/undo.ts';
import { haidianId, ledgerXlsx, multipartFile, syntheticHeader, syntheticLedger, waitForImport, xlsxText } from './testing.ts';
import { csvField } from './csv.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;
const staff = (await actorSession(ctx, 'community_staff', '110108001001')).cookie;
const A1 = '110000.110100.110108.110108001.110108001001';

async function upload(fileName: string, content: Buffer, query = ''): Promise<Record<string, unknown> & { id: string; status: string }> {
  const body = multipartFile(fileName, content);
  const res = await app.inject({ method: 'POST', url: `/api/registry/imports?communityCode=110108001001${query}`, headers: { cookie: staff, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return (await waitForImport(app, staff, res.json().id)) as Record<string, unknown> & { id: string; status: string };
}
async function commit(id: string, onlyValid: boolean) {
  const res = await app.inject({ method: 'POST', url: `/api/registry/imports/${id}/commit`, headers: { cookie: staff }, payload: { onlyValid } });
  return { res, job: res.statusCode === 202 ? await waitForImport(app, staff, id) : undefined };
}
const count = async (table: string) =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where org_path like ${`${A1}%`}`))[0]?.n ?? 0;

// A ledger as communities keep it: a title row, headers spelled their own way, mistakes.
const sun = haidianId('1958-04-02', 101);
const header = ['序号', '楼号', '单元', '房间号', '与户主的关系', '姓名', '性别', '身份证号码', '手机号', '人口类型', '来京日期', '重点人群', '残疾类别', '残疾等级'];
const goodRows = [
  [1, '翠微西里8号楼', '1', '101', '户主', '孙一', '男', sun, '13900000001', '户籍', '', '', '', ''],
  [2, '翠微西里8号楼', '1', '101', '配偶', '孙二', '女', haidianId('1960-02-03', 102), '13900000002', '', '', '残疾人', '肢体', '三级'],
  [5, '翠微西里8号楼', '1', '102', '户主', '周八', '男', haidianId('1948-07-09', 105), '', '户籍', '', '低保', '', ''],
];
const badRows = [
  [3, '翠微西里8号楼', '1', '101', '子', '孙三', '男', '110108198001010010', '13900000003', '', '', '', '', ''],
  [4, '翠微西里8号楼', '1', '101', '子', '孙四', '男', sun, '13900000004', '', '', '', '', ''],
  [6, '翠微西里8号楼', '2', '201', '户主', '吴六', '男', haidianId('1990-05-05', 107), '1390000', '流动人口', '', '', '', ''],
  [7, '翠微西里8号楼', '1', '101', '户主', '孙七', '男', haidianId('1988-08-08', 109), '', '', '', '', '', ''],
];
const mixedLedger = await ledgerXlsx([header, goodRows[0]!, goodRows[1]!, badRows[0]!, badRows[1]!, goodRows[2]!, badRows[2]!, badRows[3]!], { title: '翠微路社区实有人口登记台账' });

describe('ledger template', () => {
  it('downloads an .xlsx with the Chinese headers and instructions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/registry/imports/template', headers: { cookie: staff } });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('实有人口台账模板.xlsx');
    const text = await xlsxText(res.rawPayload);
    expect(text.split('\n')[0]).toContain('公民身份号码\t联系电话');
    expect(text).toContain('18位公民身份号码');
  });
});

describe('import with mistakes', () => {
  let jobId = '';

  it('checks every row and reports each problem by row, column and reason in Chinese', async () => {
    const job = await upload('台账.xlsx', mixedLedger);
    jobId = job.id;
    expect(job).toMatchObject({ status: 'checked', fileName: '台账.xlsx', totalRows: 7, validRows: 3, errorRows: 4, newRows: 3, skippedRows: [5, 6, 8, 9] });
    const errors = await app.inject({ method: 'GET', url: `/api/registry/imports/${jobId}/errors?pageSize=100`, headers: { cookie: staff } });
    expect(errors.json().items).toEqual([
      { rowNo: 5, column: '公民身份号码', message: '身份证号校验位错误', name: '孙三' },
      { rowNo: 6, column: '公民身份号码', message: '与第 3 行的身份证号重复（同一身份证号即同一人）', name: '孙四' },
      { rowNo: 8, column: '联系电话', message: '手机号格式不正确，应为以1开头的11位数字', name: '吴六' },
      { rowNo: 8, column: '来本地日期', message: '流动人口必须填写来本地日期', name: '吴六' },
      { rowNo: 9, column: '与户主关系', message: '第 3 行已是该户户主，一户只能有一个户主', name: '孙七' },
    ]);
    const report = await app.inject({ method: 'GET', url: `/api/registry/imports/${jobId}/report`, headers: { cookie: staff } });
    const text = await xlsxText(report.rawPayload);
    expect(text).toContain('共 7 行，正确 3 行，错误 4 行');
    expect(text).toContain('5\t孙三\t公民身份号码\t身份证号校验位错误');
    expect(text).not.toContain(sun);
    // Staged rows and the report hold no identifier in clear, and the uploaded copy is gone.
    const staged = JSON.stringify(await queryRows(db, sql`select r.*, e.* from registry_import_rows r full join registry_import_errors e on false`));
    expect(staged).toContain('孙一');
    expect(staged).not.toContain(sun);
    expect(fs.readdirSync(path.join(ctx.config.dataDir, 'imports'))).toEqual([]);
  });

  it('imports nothing on commit while rows have errors', async () => {
    const { res } = await commit(jobId, false);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'REGISTRY_IMPORT_HAS_ERRORS', details: { errorRows: 4, skippedRows: [5, 6, 8, 9] } });
    expect(await count('residents')).toBe(0);
    expect(await count('buildings')).toBe(0);
  });

  it('imports only the valid rows when asked, saying which rows it skipped', async () => {
    const { res, job } = await commit(jobId, true);
    expect(res.statusCode).toBe(202);
    expect(job).toMatchObject({ status: 'committed', inserted: 3, updated: 0, skipped: 4, skippedRows: [5, 6, 8, 9], onlyValid: true });
    const people = await queryRows<{ name: string; relation: string; address: string }>(db, sql`
      select r.name, r.relation, b.name || h.unit || '-' || h.number as address
        from residents r join houses h on h.id = r.house_id join buildings b on b.id = h.building_id order by r.name`);
    expect(people).toEqual([
      { name: '周八', relation: 'head', address: '翠微西里8号楼1-102' },
      { name: '孙一', relation: 'head', address: '翠微西里8号楼1-101' },
      { name: '孙二', relation: 'spouse', address: '翠微西里8号楼1-101' },
    ]);
    const groups = await queryRows<{ name: string; kind: string; fields: unknown }>(db, sql`select r.name, m.kind, m.fields from key_group_memberships m join residents r on r.id = m.resident_id order by r.name`);
    expect(groups).toEqual([
      { name: '周八', kind: 'low_income', fields: { scheme: 'dibao' } },
      { name: '孙二', kind: 'disabled', fields: { category: 'physical', grade: 3 } },
    ]);
    const [head] = await queryRows<{ name: string }>(db, sql`select r.name from households hh join residents r on r.id = hh.head_resident_id join houses h on h.id = hh.house_id where h.number = '101'`);
    expect(head?.name).toBe('孙一');
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(db, sql`select details from audit_log where action = 'registry.import.commit'`);
    expect(audit?.details).toMatchObject({ inserted: 3, skipped: 4, onlyValid: true });
  });

  it('imports the corrected file (GB 18030 CSV, other headers, a mapping) and then re-imports it changing nothing', async () => {
    const fixed = [
      ['楼栋', '单元', '房号', '户主或成员', '姓名', '证件', '电话', '人口类型', '来京日期', '重点人群', '残疾类别', '残疾等级'],
      ['翠微西里8号楼', '1', '101', '户主', '孙一', sun, '13900000001', '户籍', '', '', '', ''],
      ['翠微西里8号楼', '1', '101', '配偶', '孙二', haidianId('1960-02-03', 102), '13900000002', '', '', '残疾人', '肢体', '三级'],
      ['翠微西里8号楼', '1', '101', '子', '孙三', haidianId('1980-01-01', 103), '13900000003', '', '', '', '', ''],
      ['翠微西里8号楼', '1', '101', '子', '孙四', haidianId('1982-03-04', 104), '13900000004', '', '', '', '', ''],
      ['翠微西里8号楼', '1', '102', '户主', '周八', haidianId('1948-07-09', 105), '', '户籍', '', '低保', '', ''],
      ['翠微西里8号楼', '2', '201', '户主', '吴六', haidianId('1990-05-05', 107), '13900000006', '流动人口', '2019-03-01', '', '', ''],
      ['翠微西里8号楼', '1', '103', '户主', '孙七', haidianId('1988-08-08', 109), '', '', '', '', '', ''],
    ];
    const csv = fixed.map((row) => row.map(csvField).join(',')).join('\r\n');
    const encoded = Buffer.from(await gb18030(csv));
    const mapping = encodeURIComponent(JSON.stringify({ 户主或成员: 'relation', 证件: 'idNumber' }));
    const first = await upload('ledger.csv', encoded, `&mapping=${mapping}`);
    expect(first).toMatchObject({ status: 'checked', totalRows: 7, validRows: 7, errorRows: 0, newRows: 4, changedRows: 0, unchangedRows: 3 });
    expect((await commit(first.id, false)).job).toMatchObject({ status: 'committed', inserted: 4, updated: 0, skipped: 0 });
    expect(await count('residents')).toBe(7);

    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          ['buildings', 'houses', 'households', 'residents', 'residence_history', 'key_group_memberships'].map((t) => queryRows(db, sql`select * from ${sql.identifier(t)} order by id`)),
        ),
      );
    const before = await snapshot();
    const again = await upload('ledger.csv', encoded, `&mapping=${mapping}`);
    expect(again).toMatchObject({ validRows: 7, newRows: 0, changedRows: 0, unchangedRows: 7 });
    expect((await commit(again.id, false)).job).toMatchObject({ status: 'committed', inserted: 0, updated: 0 });
    expect(await snapshot()).toBe(before);
  });

  it('applies changes and moves from a later ledger, keeping the history', async () => {
    const moved = await ledgerXlsx([
      ['楼栋', '单元', '房号', '与户主关系', '姓名', '公民身份号码', '联系电话'],
      ['翠微西里9号楼', '1', '301', '户主', '孙四', haidianId('1982-03-04', 104), '13900000044'],
    ]);
    const job = await upload('moved.xlsx', moved);
    expect(job).toMatchObject({ changedRows: 1 });
    expect((await commit(job.id, false)).job).toMatchObject({ inserted: 0, updated: 1 });
    const history = await queryRows<{ number: string; out: string | null }>(db, sql`
      select h.number, rh.moved_out_on::text as out from residence_history rh join residents r on r.id = rh.resident_id join houses h on h.id = rh.house_id
       where r.name = '孙四' order by rh.created_at`);
    expect(history.map((h) => [h.number, h.out === null])).toEqual([['101', false], ['301', true]]);
  });

  it('fails a file without the required columns, listing what it found', async () => {
    const job = await upload('wrong.xlsx', await ledgerXlsx([['名字', '号码'], ['某人', '123']]));
    expect(job.status).toBe('failed');
    expect(job.failure).toMatchObject({ code: 'REGISTRY_IMPORT_HEADERS' });
    const none = await upload('empty.xlsx', await ledgerXlsx([['姓名', '身份证号', '楼栋', '房号', '与户主关系']]));
    expect(none.failure).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('没有数据行') });
    const pdf = multipartFile('a.pdf', Buffer.from('%PDF-1.4'));
    const res = await app.inject({ method: 'POST', url: '/api/registry/imports?communityCode=110108001001', headers: { cookie: staff, ...pdf.headers }, payload: pdf.payload });
    expect(res.json().error.code).toBe('REGISTRY_IMPORT_FORMAT');
    const torn = multipartFile('a.xlsx', await ledgerXlsx([['姓名']]));
    const broken = await app.inject({ method: 'POST', url: '/api/registry/imports?communityCode=110108001001', headers: { cookie: staff, ...torn.headers }, payload: torn.payload.subarray(0, torn.payload.length - 60) });
    expect(broken.statusCode).toBe(400);
  });
});

// A GB 18030 encoder: Node has a decoder only, so map each character through a decoding table.
async function gb18030(text: string): Promise<Uint8Array> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB 18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

// A database a child process can commit into: on PostgreSQL the test's own (the child gets a
// connection); on PGlite the child owns the whole database, so a fresh data directory.
async function childTarget(prefix: string): Promise<{ target: Database; where: string; dataDir?: string }> {
  if (database.engine === 'postgres') return { target: database, where: (database.pool as pg.Pool).options.connectionString as string };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const target = await openDatabase({ engine: 'pglite', dataDir });
  await migrate(target);
  await seedTree(target);
  return { target, where: dataDir, dataDir };
}

/** Commits a job in a child process (chunks of 500 rows) and SIGKILLs it inside the named chunk's transaction, after the step. */
async function killCommitAt(where: string, jobId: string, step: string, chunk: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'test-fixtures/commit-child.ts'), where, jobId, step, chunk], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('IN-TRANSACTION')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before the commit began: ${output} ${errors}`)));
  });
  expect(output).toContain(`IN-TRANSACTION after ${step} of chunk ${chunk}`);
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('a commit killed mid-way', () => {
  it('leaves nothing on PostgreSQL (one transaction) and whole chunks on PGlite; committing again finishes it', async () => {
    // The commit runs in a child process that owns its connection; on PGlite the child
    // owns the whole database, so the file is prepared in a data directory first.
    const pii = createConfiguredCipher(ctx.config);
    const { target, where, dataDir } = await childTarget('gongzhi-kill-');
    const importer = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
    const file = path.join(ctx.config.dataDir, 'kill.xlsx');
    fs.writeFileSync(file, await ledgerXlsx([syntheticHeader, ...syntheticLedger(1500, { first: 500_000, buildingPrefix: '中断测试' })]));
    const job = await createImportJob(target.db, importer, { communityCode: '110108001002', fileName: 'kill.xlsx', format: 'xlsx' });
    expect(await checkImport(target, pii, importer, job.id, file)).toMatchObject({ status: 'checked', validRows: 1500 });
    if (dataDir) await target.close();

    // PGlite: chunks of 500 rows, the first committed, the second stopped inside its transaction.
    // PostgreSQL: the one transaction stopped after the same step.
    // (The file's other tests commit imports too: count only this one's audit entries.)
    const since = new Date();
    const stopChunk = database.engine === 'postgres' ? '1' : '2';
    await killCommitAt(where, job.id, '新增居民', stopChunk);

    const after = dataDir ? await openDatabase({ engine: 'pglite', dataDir }) : target;
    const A2 = '110000.110100.110108.110108001.110108001002';
    const landed = async () =>
      (await queryRows<Record<string, number>>(after.db, sql`
        select (select count(*)::int from residents where org_path like ${`${A2}%`}) as residents,
               (select count(*)::int from residence_history where org_path like ${`${A2}%`}) as history,
               (select count(*)::int from audit_log where action = 'registry.import.commit' and at >= ${since}) as audited`))[0];
    // PostgreSQL: nothing of the job landed. PGlite: exactly the first chunk. Nothing says the import is done.
    const landedFirst = after.engine === 'postgres' ? 0 : 500;
    expect(await landed()).toEqual({ residents: landedFirst, history: landedFirst, audited: 0 });
    const [state] = await queryRows<{ status: string; inserted: number }>(after.db, sql`select status, inserted from registry_imports where id = ${job.id}`);
    expect(state).toEqual({ status: 'committing', inserted: landedFirst });

    // Once its heartbeat is old the job shows as interrupted and may be committed again: it
    // writes the rest (on PostgreSQL all of it; PGlite's crash recovery empties the unlogged
    // staging: the same file is uploaded again and its first 500 rows are unchanged).
    await after.db.execute(sql`update registry_imports set heartbeat_at = now() - interval '5 minutes' where id = ${job.id}`);
    if (after.engine === 'postgres') {
      const done = await commitImport(after, importer, job.id, { onlyValid: false });
      expect(done).toMatchObject({ status: 'committed', inserted: 1500 });
    } else {
      await expect(commitImport(after, importer, job.id, { onlyValid: false })).rejects.toMatchObject({ code: 'REGISTRY_IMPORT_STATE' });
      const again = await createImportJob(after.db, importer, { communityCode: '110108001002', fileName: 'kill.xlsx', format: 'xlsx' });
      expect(await checkImport(after, pii, importer, again.id, file)).toMatchObject({ newRows: 1000, unchangedRows: 500 });
      expect(await commitImport(after, importer, again.id, { onlyValid: false })).toMatchObject({ status: 'committed', inserted: 1000 });
    }
    expect(await landed()).toEqual({ residents: 1500, history: 1500, audited: 1 });
    if (dataDir) await after.close();
  }, 120_000);

});

describe('chunked commit (the embedded database\'s way)', () => {
  it('runs in chunks: other queries are answered between them, and the result is the one-transaction result', async () => {
    const pii = createConfiguredCipher(ctx.config);
    const importer = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
    const file = path.join(ctx.config.dataDir, 'chunks.xlsx');
    fs.writeFileSync(file, await ledgerXlsx([syntheticHeader, ...syntheticLedger(1200, { first: 600_000, buildingPrefix: '分块测试' })]));
    const job = await createImportJob(db, importer, { communityCode: '110108002001', fileName: 'chunks.xlsx', format: 'xlsx' });
    await checkImport(database, pii, importer, job.id, file);
    // A reader polls the server while the commit runs; it records between which steps it got an answer.
    const steps: string[] = [];
    const answeredAfter: string[] = [];
    let running = true;
    const reader = (async () => {
      while (running) {
        const res = await app.inject({ method: 'GET', url: '/healthz' });
        expect(res.statusCode).toBe(200);
        answeredAfter.push(steps.at(-1) ?? 'start');
        // A client's next request comes later (inject alone would never leave the microtask queue).
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const done = await commitImport(database, importer, job.id, { onlyValid: false }, { chunked: true, chunkRows: 200, afterStep: (step, _n, chunk) => void steps.push(`${chunk}:${step}`) });
    running = false;
    await reader;
    expect(done).toMatchObject({ status: 'committed', inserted: 1200, updated: 0 });
    expect(steps.filter((s) => s.endsWith(':户主'))).toHaveLength(6);
    // Answers came between chunks, not only before the first or after the last.
    const between = new Set(answeredAfter.filter((s) => s.endsWith(':户主') && !s.startsWith('6:')));
    expect(between.size).toBeGreaterThanOrEqual(3);
    const [heads] = await queryRows<{ households: number; headless: number }>(db, sql`
      select count(*)::int as households, count(*) filter (where head_resident_id is null)::int as headless
        from households where org_path like ${'110000.110100.110108.110108002.110108002001%'}`);
    expect(heads?.headless).toBe(0);
    expect(heads?.households).toBeGreaterThan(0);
  }, 120_000);
});

describe('gongzhi registry import (CLI)', () => {
  const run = promisify(execFile);
  const bin = path.resolve(import.meta.dirname, '../../../bin/gongzhi.mjs');

  it('prints progress, checks (dry run), then imports', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-cli-registry-'));
    const { DATABASE_URL: _engine, ...rest } = process.env;
    const gz = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...rest, GONGZHI_DATA_DIR: dataDir } });
    // The CLI opens the embedded database in the data directory: prepare the tree there.
    const embedded = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await migrate(embedded);
    await seedTree(embedded);
    await embedded.close();
    const ledger = path.join(dataDir, 'ledger.xlsx');
    fs.writeFileSync(ledger, await ledgerXlsx([syntheticHeader, ...syntheticLedger(1500)]));
    const dry = await gz('registry', 'import', ledger, '--community', '110108001001', '--dry-run');
    expect(dry.stdout).toMatch(/checked 1500 rows in [\d.]+ s: 1500 valid \(1500 new, 0 changed, 0 unchanged\), 0 with errors/);
    const imported = await gz('registry', 'import', ledger, '--community', '110108001001');
    expect(imported.stdout).toMatch(/提交 committing 8\/\d+ 户主/);
    expect(imported.stdout).toMatch(/提交 committing (\d+)\/\1 完成/);
    expect(imported.stdout).toMatch(/Imported in [\d.]+ s: 1500 new, 0 updated, 0 unchanged, 0 skipped/);
    const template = path.join(dataDir, 'template.xlsx');
    await gz('registry', 'template', '-o', template);
    expect(await xlsxText(fs.readFileSync(template))).toContain('公民身份号码');
  }, 180_000);
});

describe('undoing an interrupted commit (撤销本次导入)', () => {
  const importer = { ...systemActor, grants: [{ role: 'community_staff' as const, orgPath: '' }] };
  // Every row of the tables an import writes, to compare before the import and after its undo.
  const dump = async (target: Database) =>
    queryRows<Record<string, unknown>>(target.db, sql`
      select (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from buildings x) as buildings,
             (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from houses x) as houses,
             (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from households x) as households,
             (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from residents x) as residents,
             (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from residence_history x) as history,
             (select coalesce(jsonb_agg(to_jsonb(x) order by x.id), '[]'::jsonb) from key_group_memberships x) as memberships`);
  const residentsIn = async (target: Database) =>
    (await queryRows<{ n: number }>(target.db, sql`select count(*)::int as n from residents where org_path like ${`${A1}%`}`))[0]?.n ?? 0;

  // People already registered (some in key groups), then a ledger that moves them to new
  // buildings (closing their history, changing their households' heads) and adds new people.
  async function prepare(target: Database, name: string, first: number): Promise<{ jobId: string; file: string }> {
    const pii = createConfiguredCipher(ctx.config);
    const before = path.join(ctx.config.dataDir, `${name}-before.xlsx`);
    const rows = [...syntheticLedger(300, { first, buildingPrefix: `${name}前` })].map((r, i) => (i % 10 === 0 ? [...r.slice(0, -1), '低保'] : r));
    fs.writeFileSync(before, await ledgerXlsx([syntheticHeader, ...rows]));
    const earlier = await createImportJob(target.db, importer, { communityCode: '110108001001', fileName: 'before.xlsx', format: 'xlsx' });
    await checkImport(target, pii, importer, earlier.id, before);
    expect(await commitImport(target, importer, earlier.id, { onlyValid: false })).toMatchObject({ status: 'committed', inserted: 300 });
    const file = path.join(ctx.config.dataDir, `${name}.xlsx`);
    fs.writeFileSync(file, await ledgerXlsx([syntheticHeader, ...syntheticLedger(1500, { first, buildingPrefix: `${name}后` })]));
    const job = await createImportJob(target.db, importer, { communityCode: '110108001001', fileName: `${name}.xlsx`, format: 'xlsx' });
    expect(await checkImport(target, pii, importer, job.id, file)).toMatchObject({ status: 'checked', newRows: 1200, changedRows: 300 });
    return { jobId: job.id, file };
  }

  it('after a kill mid-commit leaves the tables as they were before the import (PGlite: two chunks written)', async () => {
    const { target, where, dataDir } = await childTarget('gongzhi-undo-');
    const { jobId } = await prepare(target, '撤销甲', 700_000);
    const registered = await residentsIn(target);
    const dumped = await dump(target);
    if (dataDir) await target.close();

    // Chunks of 500 rows: the first two committed, the third stopped inside its transaction.
    const stopChunk = database.engine === 'postgres' ? '1' : '3';
    await killCommitAt(where, jobId, '新增居民', stopChunk);

    const after = dataDir ? await openDatabase({ engine: 'pglite', dataDir }) : target;
    expect(await residentsIn(after)).toBe(registered + (after.engine === 'postgres' ? 0 : 700));
    await after.db.execute(sql`update registry_imports set heartbeat_at = now() - interval '5 minutes' where id = ${jobId}`);
    const since = new Date();
    expect(await undoImport(after, importer, jobId)).toMatchObject({ status: 'discarded', inserted: 0 });
    expect(await dump(after)).toEqual(dumped);
    const [audit] = await queryRows<{ n: number; undoRecords: number; staged: number }>(after.db, sql`
      select (select count(*)::int from audit_log where action = 'registry.import.undo' and target_id = ${jobId} and at >= ${since}) as n,
             (select count(*)::int from registry_import_undo where import_id = ${jobId}) as "undoRecords",
             (select count(*)::int from registry_import_rows where import_id = ${jobId}) as staged`);
    expect(audit).toEqual({ n: 1, undoRecords: 0, staged: 0 });
    // Undone is final: it can be neither committed nor undone again.
    await expect(commitImport(after, importer, jobId, { onlyValid: false })).rejects.toMatchObject({ code: 'REGISTRY_IMPORT_STATE' });
    await expect(undoImport(after, importer, jobId)).rejects.toMatchObject({ code: 'REGISTRY_IMPORT_STATE' });
    if (dataDir) await after.close();
  }, 180_000);

  it('through the route, with the commit\'s checks: another community is refused, a reader gets 403, a resident already visited stops it, naming who, a finished import gets 409', async () => {
    const { jobId } = await prepare(database, '撤销乙', 710_000);
    const dumped = await dump(database);
    const since = new Date(Date.now() - 1000);
    // Chunked on either engine; a failure in the third chunk leaves two written.
    await expect(commitImport(database, importer, jobId, { onlyValid: false }, {
      chunked: true,
      chunkRows: 500,
      afterStep: (step, _n, chunk) => {
        if (chunk === 3 && step === '户主') throw new Error('stopped');
      },
    })).rejects.toThrow('stopped');
    const url = `/api/registry/imports/${jobId}/undo`;
    const elsewhere = (await actorSession(ctx, 'community_staff', '110108002001')).cookie;
    const reader = (await actorSession(ctx, 'grid_worker', 'GA1')).cookie;
    expect((await app.inject({ method: 'POST', url, headers: { cookie: elsewhere } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { cookie: reader } })).statusCode).toBe(403);
    expect(await dump(database)).not.toEqual(dumped);
    // A grid worker has visited someone this import added: the undo stops, saying why, and
    // goes on once the visit is dealt with.
    const [added] = await queryRows<{ id: string; orgPath: string; name: string }>(database.db, sql`
      select r.id, r.org_path as "orgPath", r.name from residents r
       where r.created_at >= ${since} and not exists (select 1 from jsonb_array_elements(${JSON.stringify(dumped[0]?.residents ?? [])}::jsonb) d where d->>'id' = r.id::text)
       limit 1`);
    expect(added).toBeDefined();
    await database.db.execute(sql`insert into visits (resident_id, org_path, visited_on, method, visitor_name) values (${added?.id}, ${added?.orgPath}, current_date, 'home', '网格员')`);
    const inUse = await app.inject({ method: 'POST', url, headers: { cookie: staff } });
    expect(inUse.statusCode).toBe(202);
    expect(inUse.json()).toMatchObject({ id: jobId, status: 'committing', progress: { phase: 'undoing' } });
    expect(await waitForImport(app, staff, jobId)).toMatchObject({
      status: 'interrupted',
      undone: true,
      failure: { code: 'REGISTRY_IMPORT_UNDO_IN_USE', message: expect.stringContaining('走访') },
    });
    // It says who: the person the visit was to.
    expect((await waitForImport(app, staff, jobId)).failure).toMatchObject({ message: expect.stringContaining(`“${added?.name}”`) });
    expect(await dump(database)).not.toEqual(dumped);
    await database.db.execute(sql`delete from visits where resident_id = ${added?.id}`);
    const undone = await app.inject({ method: 'POST', url, headers: { cookie: staff } });
    expect(undone.statusCode).toBe(202);
    expect(await waitForImport(app, staff, jobId)).toMatchObject({ id: jobId, status: 'discarded', undone: true, failure: null });
    expect(await dump(database)).toEqual(dumped);
    // A finished import is not undone by this route.
    const finished = await upload('finished.xlsx', await ledgerXlsx([syntheticHeader, ...syntheticLedger(3, { first: 720_000, buildingPrefix: '撤销丙' })]));
    expect((await commit(finished.id, false)).job).toMatchObject({ status: 'committed' });
    const refused = await app.inject({ method: 'POST', url: `/api/registry/imports/${finished.id}/undo`, headers: { cookie: staff } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'REGISTRY_IMPORT_STATE', message: expect.stringContaining('已提交完成') });
  }, 180_000);
});
