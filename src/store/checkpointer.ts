/**
 * SQLite in WAL mode copies the log back into the database file every 1,000 pages, in whichever
 * commit crosses the mark: a third of an answer's commit on average, and a pause of the whole event
 * loop while the file is synced. Here a worker thread, on a connection of its own, checkpoints the
 * log every CHECKPOINT_EVERY_MS instead (PASSIVE: it never waits on the writer nor blocks it), and
 * the process's connection stops checkpointing by itself. Should the worker stop, the connection
 * checkpoints by itself again: the log never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own default, restored when the worker stops. */
const AUTOCHECKPOINT_PAGES = 1000;

// Plain JavaScript, so that it runs the same under tsx, vitest and node dist/.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Checkpoints `file`'s log from a worker thread; `sqlite` (the process's connection) stops checkpointing meanwhile. */
export function startCheckpointer(sqlite: SQLite.Database, file: string, onProblem: (message: string) => void = () => {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const exited = new Promise<void>((ok) => worker.once('exit', () => ok()));
  worker.on('message', (m: { failed?: string }) => m.failed && onProblem(`checkpoint failed: ${m.failed}`));
  worker.on('error', (error) => onProblem(`checkpointer stopped: ${error.message}`));
  void exited.then(() => {
    if (stopping || !sqlite.open) return;
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    },
  };
}
