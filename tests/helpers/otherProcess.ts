import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/*
 * Another program holding a ledger, as the clerk's machine sees it when the
 * CLI imports while the app starts: a child process takes SQLite's locks
 * and keeps them until the test releases it (or its time runs out).
 *   import          a write transaction through a rollback journal, as an import writes (RESERVED lock)
 *   import-spilled  the same, large enough that its pages spill into the ledger file (EXCLUSIVE lock)
 *   import-lock     the lock one writing import holds on `<ledger>.import-lock` (db/importLock.ts)
 * The child rolls back on release: it leaves the ledger as it found it.
 */

export type Hold = 'import' | 'import-spilled' | 'import-lock';

const BETTER_SQLITE3 = createRequire(__filename).resolve('better-sqlite3');

const script = (file: string, how: Hold, maxMs: number) => `
  const Database = require(${JSON.stringify(BETTER_SQLITE3)});
  const how = ${JSON.stringify(how)};
  const db = new Database(${JSON.stringify(how === 'import-lock' ? `${file}.import-lock` : file)});
  if (how === 'import-lock') db.exec('BEGIN EXCLUSIVE');
  else {
    db.pragma('main.journal_mode = DELETE');
    if (how === 'import-spilled') db.pragma('cache_size = 10');
    db.exec('BEGIN IMMEDIATE');
    const add = db.prepare("INSERT INTO units (id, name, kind, created_at, updated_at) VALUES (?, ?, '部门', 'x', 'x')");
    for (let i = 0; i < (how === 'import-spilled' ? 3000 : 5); i++) add.run('held-' + i, '导入中' + i + '-'.repeat(200));
  }
  const release = () => { db.exec('ROLLBACK'); db.close(); process.exit(0); };
  process.stdin.on('data', release);
  process.stdin.on('end', release);
  setTimeout(release, ${maxMs});
  process.stdout.write('held\\n');`;

/** Starts the child and resolves once it holds the lock; `release()` ends it. */
export function holdInAnotherProcess(file: string, how: Hold, maxMs = 60_000): Promise<{ release: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', script(file, how, maxMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the holding process ended before it held the ledger (exit ${code})`)));
    child.stdout.on('data', (d: Buffer) => {
      if (!String(d).includes('held')) return;
      resolve({
        release: async () => {
          child.stdin.end('release\n');
          await exited;
        },
      });
    });
  });
}
