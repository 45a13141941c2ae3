import pg from "pg";
import { openDatabase, type Db } from "../../src/db/connection.js";

/** The PostgreSQL server that scripts/setup-test-deps.mjs starts; override with TEST_DATABASE_URL. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";

export interface TestDatabase {
  db: Db;
  drop: () => Promise<void>;
  /** connection string for other processes (PostgreSQL only) */
  url?: string;
}

/** A fresh, empty database per call, on each engine the product supports. */
export const engines: { name: "pglite" | "postgres"; create: () => Promise<TestDatabase> }[] = [
  {
    name: "pglite",
    create: async () => {
      const db = await openDatabase({ dataDir: "memory://" });
      return { db, drop: () => db.close() };
    },
  },
  {
    name: "postgres",
    create: async () => {
      const name = `nexus_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(testPostgresUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
      return {
        db,
        url: url.toString(),
        drop: async () => {
          await db.close();
          const c = new pg.Client({ connectionString: testPostgresUrl });
          await c.connect();
          await c.query(`drop database if exists ${name}`);
          await c.end();
        },
      };
    },
  },
];
