/** Certification sessions, candidates and results: their repositories and the use cases' settings. */
import type { Config } from '../config.js';
import type { Framework } from '../framework/model.js';
import type { Outbox } from '../notifications/outbox.js';
import type { SchoolDeps } from '../schools/schools.js';
import type { Store } from '../store/database.js';
import { CandidateRepository } from './candidate-repository.js';
import { knowledgeReader, type CertificationDeps } from './deps.js';
import { createResultLinks } from './result-links.js';
import { SessionRepository } from './session-repository.js';
import { parseWindow } from './window.js';

export function wireCertification({
  config,
  store,
  framework,
  schoolDeps,
  outbox,
  wakeOutbox,
  clock,
}: {
  config: Config;
  store: Store;
  framework: Framework;
  schoolDeps: SchoolDeps;
  outbox: Outbox;
  wakeOutbox: () => void;
  clock: () => Date;
}): CertificationDeps {
  return {
    framework,
    sessions: new SessionRepository(store.db),
    candidates: new CandidateRepository(store.db),
    knowledge: knowledgeReader(store.db),
    schoolDeps,
    outbox,
    wakeOutbox,
    settings: {
      window: parseWindow(config.CERTIFICATION_WINDOW),
      durationMinutes: config.CERTIFICATION_DURATION_MINUTES,
      highestLevel: config.HIGHEST_LEVEL,
      timerGraceSeconds: config.TIMER_GRACE_SECONDS,
    },
    resultLinks: createResultLinks({ secret: config.REPORT_SECRET, publicUrl: config.PUBLIC_URL, ttlHours: config.REPORT_LINK_TTL_HOURS, clock }),
    clock,
  };
}
