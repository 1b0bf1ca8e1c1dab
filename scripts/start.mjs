// `npm start`: build, then open the Electron window. Where the Electron binary
// is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so in one line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the Electron binary would be, found without `require('electron')`:
// since Electron 45 that require tries to download a missing binary (noisy,
// slow, and failing offline) before it throws.
function findElectron() {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const exe = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe || 'electron');
  return exe ? path.join(dir, 'dist', exe) : undefined;
}
const electronPath = findElectron();
if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) {
  console.error('未找到 Electron 程序：请在能联网的电脑上运行 `npm install`（或 `node node_modules/electron/install.js`）下载 Electron 后再运行 npm start。');
  process.exit(1);
}
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const built = run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(electronPath, ['.']));
