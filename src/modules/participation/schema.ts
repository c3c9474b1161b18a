// The participation module's tables, by part (schema/*.ts; part-b's in its own folders, one line each).
export {};
