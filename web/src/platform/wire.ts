// What a server type becomes on the way through JSON: dates arrive as ISO strings, the
// rest as it is. The web types its responses as Wire<ContractType> instead of copying them.
export type Wire<T> = T extends Date
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: Wire<T[K]> }
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
