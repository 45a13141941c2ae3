import { statfsSync } from "node:fs";

/** One line when the folder's volume has less than minMb free (LOW_DISK_MB, default 200), else null (docs/decisions/0016). */
export function lowDiskWarning(dir: string, minMb = Number(process.env.LOW_DISK_MB) || 200): string | null {
  let freeMb: number;
  try {
    const s = statfsSync(dir);
    freeMb = (s.bavail * s.bsize) / 1024 / 1024;
  } catch {
    return null; // the folder's own checks report a missing or unreadable DATA_DIR
  }
  if (freeMb >= minMb) return null;
  return `warning: DATA_DIR=${dir} has ${Math.floor(freeMb)} MB free (below LOW_DISK_MB=${minMb}); writes will be refused with 507 when it runs out: free space or grow the volume`;
}
