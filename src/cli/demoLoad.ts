import { loadContent } from "../content/readContent.js";
import { loadDemo } from "../server/demo.js";
import { parseArgs } from "./args.js";
import { openDeploymentDb } from "./database.js";
import type { CliIo } from "./main.js";

/** `nexus demo load [--member EMAIL]`: a synthetic workspace (Nexus Watch, a self-assessment, an exercise) to try the product with. */
export async function demoLoad(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { values: ["--member"] });
  if (!parsed.ok) { io.err(`nexus demo load: ${parsed.error}\nusage: nexus demo load [--member EMAIL]`); return 2; }
  const content = loadContent();
  if (content.problems.length) { io.err("nexus demo load: the knowledge base has problems; run nexus content validate"); return 1; }
  const db = await openDeploymentDb();
  try {
    const member = parsed.values.get("--member");
    const r = await loadDemo(db, content.kb, { members: member ? [member] : [] });
    if (!r.created) { io.out(`the demo workspace is already loaded (${r.workspace}); nothing changed`); return 0; }
    io.out(`loaded the synthetic demo workspace: ${r.counts.areas} areas, ${r.counts.groups} groups, ${r.counts.observations} observations`);
    io.out(`sign in as ${r.email} with password ${r.password}${member ? ` (or as ${member}, now a member)` : ""}`);
    io.out("All demo names are marked [Synthetic]; no real people or groups are used.");
    return 0;
  } catch (e) {
    io.err(`nexus demo load: ${(e as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}
