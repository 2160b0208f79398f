/**
 * A SIECLE export sent in chat becomes an import job at once; the job fetches it (Teams wants the
 * turn answered within about 15 s, a 20 MiB download may take longer). Rights first: a file sent
 * by anyone but the referent is refused before anything is stored.
 */
import type { ImportJob } from './import-job.js';
import type { ImportDeps } from './imports.js';
import type { School } from './model.js';
import { staffMembership } from './schools.js';

export async function requestSentFileImport({
  userId,
  uaj,
  file,
  activityId,
  deps,
}: {
  userId: string;
  uaj?: string;
  file: { name: string; downloadUrl: string };
  /** The chat message's id: Teams redelivers a message with the same one. */
  activityId: string | null;
  deps: ImportDeps;
}): Promise<{ job: ImportJob; school: School; created: boolean }> {
  const { school } = await staffMembership({ userId, uaj, role: 'referent', deps });
  const { job, created } = await deps.imports.createDownload({
    schoolId: school.id,
    runBy: userId,
    fileName: file.name,
    downloadUrl: file.downloadUrl,
    activityId,
    now: deps.clock(),
  });
  if (created) deps.kick?.();
  return { job, school, created };
}
