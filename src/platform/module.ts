// What a domain module brings to the platform, in one definition: its routes, permissions,
// error codes, background jobs, demo data and CLI commands. src/modules/index.ts lists the
// modules once; the platform mounts, registers and runs what each defines.
import type { Command } from 'commander';
import type { Config } from './config.ts';
import type { PiiCipher } from './crypto.ts';
import type { Database, Db } from './db.ts';
import { installErrorCatalogue, type ErrorEntry } from './errors.ts';
import type { RouteModule } from './http.ts';
import type { JobHandler, RecurringJob } from './jobs.ts';
import type { Role } from './auth/roles.ts';

/** An org unit the demo made, by code and name. */
export interface DemoOrgUnit {
  code: string;
  name: string;
}

/** One demo account as the CLI prints it and data/demo-accounts.txt lists it. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgCode?: string | undefined;
  orgName: string;
}

/**
 * What earlier demo loaders made, for the loaders after them (the order of the module
 * list). Each field names the module that fills it.
 */
export interface DemoState {
  /** org: the district loaded, and the street, community, grid and department the demo accounts work in. */
  district?: DemoOrgUnit;
  street?: DemoOrgUnit;
  community?: DemoOrgUnit;
  grid?: DemoOrgUnit;
  department?: DemoOrgUnit;
  /** org: the name on the focus grid's roster for its grid worker (the `grid` account's name). */
  gridWorkerName?: string;
  /** accounts: the demo accounts, and the user id of each by username. */
  accounts?: DemoAccount[];
  userIds?: Record<string, string>;
}

/** What a demo loader gets: the database, the cipher, the shared password, and what earlier loaders made. */
export interface DemoContext {
  db: Db;
  pii: PiiCipher;
  /** The county-level division code asked for. */
  districtCode: string;
  /** The password every demo account shares. */
  password: string;
  progress: (message: string) => void;
  state: DemoState;
  /** Counts for the summary line, in the order loaders add them. */
  counts: Record<string, number>;
}

export type DemoLoader = (demo: DemoContext) => Promise<void>;

/** A value an earlier demo loader was to leave in the shared state; fails loudly when the module order is wrong. */
export function fromEarlierLoader<K extends keyof DemoState>(state: DemoState, key: K): NonNullable<DemoState[K]> {
  const value = state[key];
  if (value === undefined || value === null) throw new Error(`demo: "${key}" is made by an earlier module's demo loader; check the order in src/modules/index.ts`);
  return value as NonNullable<DemoState[K]>;
}

/** What a module's CLI commands need from the host, so modules never import the CLI. */
export interface CliTools {
  /** Loads the configuration, opens and migrates the database, runs `fn`, closes the database. */
  withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T>;
  /** The configured personal-data cipher. */
  pii(config: Config): PiiCipher;
}

/** Adds a module's commands to the `gongzhi` program. */
export type CliRegistration = (program: Command, tools: CliTools) => void;

export type ErrorCatalogue = Readonly<Record<string, ErrorEntry>>;

export interface ModuleDefinition<P extends readonly string[] = readonly string[], E extends ErrorCatalogue = ErrorCatalogue> {
  /** The folder name under src/modules. */
  name: string;
  /** The permissions the module checks; roles in platform/auth/roles.ts bundle them. */
  permissions: P;
  /** The module's error codes with HTTP status and zh-CN/en-US messages ({placeholders} from details). */
  errors: E;
  routes: readonly RouteModule[];
  /** Background job handlers by kind (kinds are prefixed with the module's name). */
  jobs?: Readonly<Record<string, JobHandler>>;
  /** Jobs queued every period by whichever process gets there first. */
  recurringJobs?: readonly RecurringJob[];
  /** Loads the module's part of the demo district; runs in the order of the module list. */
  demo?: DemoLoader;
  cli?: CliRegistration;
}

/** Declares a module; the `const` type parameters keep permissions and error codes as literal types. */
export function defineModule<const P extends readonly string[], const E extends ErrorCatalogue>(definition: ModuleDefinition<P, E>): ModuleDefinition<P, E> {
  return definition;
}

/** The permissions a list of modules declares (a union type). */
export type PermissionOf<M> = M extends ModuleDefinition<infer P, ErrorCatalogue> ? P[number] : never;

/** The error codes a list of modules declares (a union type). */
export type ErrorCodeOf<M> = M extends ModuleDefinition<readonly string[], infer E> ? keyof E & string : never;

/** Every permission the modules declare, in module order. */
export function permissionsDeclared(modules: readonly ModuleDefinition[]): string[] {
  return modules.flatMap((m) => [...m.permissions]);
}

/** Installs every module's error codes into the one catalogue (at start: the app, the CLI). */
export function installErrorCodes(modules: readonly ModuleDefinition[]): void {
  for (const m of modules) installErrorCatalogue(m.errors);
}

/** Every module's job handlers, in one table; a kind declared twice is a mistake. */
export function jobHandlersOf(modules: readonly ModuleDefinition[]): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const m of modules) {
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) {
      if (Object.hasOwn(handlers, kind)) throw new Error(`job kind ${kind} is declared twice (module ${m.name})`);
      handlers[kind] = handler;
    }
  }
  return handlers;
}

/** Every module's recurring jobs. */
export function recurringJobsOf(modules: readonly ModuleDefinition[]): RecurringJob[] {
  return modules.flatMap((m) => [...(m.recurringJobs ?? [])]);
}
