// Filled in by the platform: builds the migrated template database once per run.
export default async function setup(): Promise<void> {}
