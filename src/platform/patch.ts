// Partial updates: a field the change leaves out (or gives as undefined) keeps its value.

/** The named fields of a change that were given, to spread into an update's `set`. */
export function givenFields<T extends object, K extends keyof T>(changes: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const given: Partial<Pick<T, K>> = {};
  for (const key of keys) if (changes[key] !== undefined) given[key] = changes[key];
  return given;
}
