import type { DatabaseFailure } from "../../db/failures.js";
import { Problem } from "./problem.js";

/** The answer to a request the database could not serve for reasons outside the request (docs/decisions/0016). */
export function databaseProblem(failure: DatabaseFailure): Problem {
  return failure === "disk_full"
    ? new Problem(507, "Insufficient storage", "The database could not write: its disk is full. Nothing of this request was saved; reading still works. An operator must free space (or grow the volume of DATA_DIR or of PostgreSQL); writes work again without a restart.", [], { code: "ops.disk_full" })
    : new Problem(503, "Database unavailable", "The database is not reachable right now (restarting or disconnected). The request was not completed; retry in a few seconds.", [], { code: "ops.database_unavailable" });
}
