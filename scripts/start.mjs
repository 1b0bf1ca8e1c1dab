// `npm start`: build, then open the Electron window. Where the Electron binary
// is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so in one line.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) {
  console.error('未找到 Electron 程序：请在能联网的电脑上运行 `npm install`（或 `node node_modules/electron/install.js`）下载 Electron 后再运行 npm start。');
  process.exit(1);
}
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const built = run('npx', ['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(electronPath, ['.']));
