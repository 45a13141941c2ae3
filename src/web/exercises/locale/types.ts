/** The shape of a translated table: the English keys, plus the extra plural forms other languages need (Arabic has six). */
export type Table<T> = { [K in keyof T]: T[K] extends string ? string : Table<T[K]> & Record<string, unknown> } & Record<string, unknown>;
