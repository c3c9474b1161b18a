// Coverage of the life circle: every building × every required kind, for the demo district
// and for the same district grown to 50,000 buildings, straight lines and a road network.
// Baselines in the same run: the raw SQL read of the same buildings (what the recomputation
// cannot go below) and a brute-force loop over every facility (what the R-tree replaces).
// Run: DATABASE_URL=postgres://… node --import tsx bench/facilities-coverage.ts [buildings]
//      (without DATABASE_URL it runs on in-process PGlite, more slowly)
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { createPiiCipher } from '../src/platform/crypto.ts';
import { findOrgUnit, seedOrgDemo } from '../src/modules/org/index.ts';
import { buildingPopulationUnder, seedRegistryDemo } from '../src/modules/registry/index.ts';
import { computeCoverage, haversineMeters, recomputeDistrict, requiredKinds, seedFacilitiesDemo, type CoverageFacility } from '../src/modules/facilities/index.ts';
import { benchDatabase } from './bench-support.ts';

const DISTRICT = '110108';
const target = Number(process.argv[2] ?? 50_000);
const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

async function open(): Promise<{ database: Database; drop: () => Promise<void>; engine: string }> {
  if (process.env.DATABASE_URL?.startsWith('postgres')) {
    const { database, drop } = await benchDatabase(5);
    return { database, drop, engine: 'postgres' };
  }
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database);
  return { database, drop: () => database.close(), engine: 'pglite' };
}

/** The best of a few runs of `fn`. */
async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    fastest = Math.min(fastest, ms(t));
  }
  return fastest;
}

async function main() {
  const { database, drop, engine } = await open();
  const { db } = database;
  try {
    console.log(`engine ${engine}; seeding the demo district …`);
    const org = await seedOrgDemo(db, DISTRICT, () => undefined);
    await seedRegistryDemo(db, createPiiCipher(crypto.randomBytes(32)), { district: DISTRICT, focusCommunity: org.community.code });
    const facilities = await seedFacilitiesDemo(db, DISTRICT, org.community.code);
    const district = (await findOrgUnit(db, DISTRICT))!;
    const kinds = await requiredKinds(db);

    // 1. The demo district as it is.
    const demoBuildings = (await buildingPopulationUnder(db, district.orgPath)).length;
    const demoReadMs = await best(3, () => buildingPopulationUnder(db, district.orgPath));
    const demoMs = await best(3, () => recomputeDistrict(db, DISTRICT, { force: true }));
    console.log(`demo: ${demoBuildings} buildings × ${kinds.length} kinds, ${facilities} facilities: recompute ${demoMs} ms; raw SQL read of the same buildings ${demoReadMs} ms`);

    // 2. The same district grown to `target` buildings, spread over its grids (no residents of their own).
    const grow = target - demoBuildings;
    if (grow > 0) {
      await db.execute(sql`
        insert into buildings (community_code, grid_code, org_path, name, address, lng, lat)
        select g.community_code, g.code, g.org_path, 'bench-' || i, 'bench-' || i,
               g.min_lng + random() * (g.max_lng - g.min_lng), g.min_lat + random() * (g.max_lat - g.min_lat)
          from generate_series(1, ${grow}) as i
          join (select row_number() over (order by code) - 1 as n, count(*) over () as total, * from grids) g on g.n = i % g.total`);
    }
    const bigBuildings = (await buildingPopulationUnder(db, district.orgPath)).length;
    const readMs = await best(2, () => buildingPopulationUnder(db, district.orgPath));
    const straightMs = await best(2, () => recomputeDistrict(db, DISTRICT, { force: true }));
    console.log(`grown: ${bigBuildings} buildings × ${kinds.length} kinds = ${bigBuildings * kinds.length} pairs: recompute ${straightMs} ms (straight lines); raw SQL read ${readMs} ms`);

    // 3. With a road network: a lattice of streets every ~200 m over the district's grids.
    const [box] = await queryRows<{ min_lng: number; min_lat: number; max_lng: number; max_lat: number }>(db, sql`select min(min_lng) as min_lng, min(min_lat) as min_lat, max(max_lng) as max_lng, max(max_lat) as max_lat from grids`);
    const step = 0.002;
    const lines: [number, number][][] = [];
    for (let lng = box!.min_lng; lng <= box!.max_lng; lng += step) {
      const line: [number, number][] = [];
      for (let lat = box!.min_lat; lat <= box!.max_lat; lat += step) line.push([lng, lat]);
      lines.push(line);
    }
    for (let lat = box!.min_lat; lat <= box!.max_lat; lat += step) {
      const line: [number, number][] = [];
      for (let lng = box!.min_lng; lng <= box!.max_lng; lng += step) line.push([lng, lat]);
      lines.push(line);
    }
    await db.execute(sql`update facility_districts set road_lines = ${JSON.stringify(lines)}::jsonb, road_imported_at = now() where district_code = ${DISTRICT}`);
    const roadFirstMs = await best(1, () => recomputeDistrict(db, DISTRICT, { force: true }));
    const roadMs = await best(2, () => recomputeDistrict(db, DISTRICT, { force: true }));
    const roadNodes = new Set(lines.flat().map(([a, b]) => `${a.toFixed(6)},${b.toFixed(6)}`)).size;
    console.log(`road network: ${roadNodes} nodes: recompute ${roadMs} ms (${roadFirstMs} ms with building the graph)`);
    await db.execute(sql`update facility_districts set road_lines = null, road_imported_at = null where district_code = ${DISTRICT}`);

    // 4. The engine against a brute-force loop over every facility, on a sample of buildings.
    const population = await buildingPopulationUnder(db, district.orgPath);
    const placed = await queryRows<CoverageFacility>(db, sql`select id, kind, lng, lat from facilities where district_code = ${DISTRICT}`);
    const sample = population.slice(0, 5_000);
    let t = performance.now();
    computeCoverage(population, kinds, placed, { detourFactor: 1.3 });
    const engineMs = ms(t);
    t = performance.now();
    let checksum = 0;
    for (const b of sample) {
      for (const k of kinds) {
        let nearest = Infinity;
        for (const f of placed) if (f.kind === k.code) nearest = Math.min(nearest, haversineMeters(b.lng, b.lat, f.lng, f.lat));
        checksum += nearest === Infinity ? 0 : 1;
      }
    }
    const bruteSampleMs = ms(t);
    const bruteMs = Math.round((bruteSampleMs * population.length) / sample.length);
    console.log(`engine alone (straight lines): ${engineMs} ms; brute force ${bruteSampleMs} ms for ${sample.length} buildings → ~${bruteMs} ms for all (${checksum} pairs checked)`);

    const figures = {
      engine, kinds: kinds.length, facilities,
      demo: { buildings: demoBuildings, recomputeMs: demoMs, sqlReadMs: demoReadMs, ratioToSqlRead: Math.round((demoMs / demoReadMs) * 10) / 10 },
      grown: {
        buildings: bigBuildings, pairs: bigBuildings * kinds.length, recomputeStraightMs: straightMs, recomputeRoadMs: roadMs, roadNodes,
        sqlReadMs: readMs, ratioToSqlRead: Math.round((straightMs / readMs) * 10) / 10,
        engineMs, bruteForceEstimateMs: bruteMs, speedUpOverBruteForce: Math.round(bruteMs / Math.max(engineMs, 0.1)),
        withinAMinute: Math.max(straightMs, roadFirstMs) < 60_000,
      },
    };
    console.log(JSON.stringify(figures));
  } finally {
    // Dropping may be refused while an autovacuum worker is still on the database; the figures stand.
    await drop().catch((error: unknown) => console.warn(`could not drop the bench database: ${(error as Error).message}`));
  }
}

await main();
