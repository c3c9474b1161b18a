// The server's types (inferred from its contracts) as they arrive over JSON: dates become
// ISO strings, everything else stays as the contract says.

/** `T` after JSON.stringify and JSON.parse. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
