// better-sqlite3 for the packaged Electron app, without touching the Node
// build that the tests use (node_modules/better-sqlite3 stays as it is).
//
// better-sqlite3 13 ships Node-API (N-API) prebuilds for every platform in
// node_modules/better-sqlite3/prebuilds. Node-API binaries are ABI-stable, so
// Electron loads them as they are (the Windows one resolves its Node symbols
// from the host .exe through the delay-load hook, so electron.exe works). This
// script picks the prebuild for the target, checks that it really is a binary
// for that platform and architecture and that this Electron's Node offers its
// Node-API version, and copies it to resources/native/<os>-<arch>/, which
// electron-builder.yml ships as <resources>/native/better_sqlite3.node; the
// main process passes it to better-sqlite3 as `nativeBinding`.
//
//   node scripts/electron-native.mjs                       # win32 x64 (the office PCs)
//   node scripts/electron-native.mjs --platform linux --arch x64
//   node scripts/electron-native.mjs --from-source         # compile against Electron's headers instead
//
// --from-source builds in a temporary copy of the package (never in
// node_modules, where a build/Release binary would shadow the Node prebuild),
// needs a compiler for the host platform and Electron's headers (internet).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const platform = arg('platform', 'win32');
const arch = arg('arch', 'x64');
const fromSource = process.argv.includes('--from-source');
const OS_NAMES = { win32: 'win', darwin: 'mac', linux: 'linux' };
const die = (msg) => {
  console.error(`electron-native：${msg}`);
  process.exit(1);
};
if (!OS_NAMES[platform] || !['x64', 'arm64'].includes(arch)) die(`不支持的目标 ${platform}-${arch}`);

const pkgDir = path.join(root, 'node_modules', 'better-sqlite3');
const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const sqlite = readJson(path.join(pkgDir, 'package.json'));
const electronVersion = readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version;
const gyp = fs.readFileSync(path.join(pkgDir, 'binding.gyp'), 'utf8');
const napi = Number(/NAPI_VERSION=(\d+)/.exec(gyp)?.[1] ?? 0);

// Node-API 10 is in Node 22.14+, i.e. Electron 35+ (Electron 35 ships Node 22.14).
const NAPI_MIN_ELECTRON = { 8: 23, 9: 31, 10: 35 };
const electronMajor = Number(electronVersion.split('.')[0]);
if (napi && electronMajor < (NAPI_MIN_ELECTRON[napi] ?? 99)) die(`better-sqlite3 ${sqlite.version} 需要 Node-API ${napi}，Electron ${electronVersion} 太旧（至少 ${NAPI_MIN_ELECTRON[napi]}）`);

/** The file format and CPU a binary was built for, read from its header. */
function describeBinary(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt16LE(0) === 0x5a4d) {
    const pe = b.readUInt32LE(0x3c);
    if (b.toString('latin1', pe, pe + 4) !== 'PE\0\0') return { platform: '?', arch: '?' };
    const machine = b.readUInt16LE(pe + 4);
    return { platform: 'win32', arch: machine === 0x8664 ? 'x64' : machine === 0xaa64 ? 'arm64' : `0x${machine.toString(16)}` };
  }
  if (b.readUInt32BE(0) === 0x7f454c46) {
    const machine = b.readUInt16LE(18);
    return { platform: 'linux', arch: machine === 62 ? 'x64' : machine === 183 ? 'arm64' : String(machine) };
  }
  if (b.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = b.readUInt32LE(4);
    return { platform: 'darwin', arch: cpu === 0x01000007 ? 'x64' : cpu === 0x0100000c ? 'arm64' : String(cpu) };
  }
  return { platform: '?', arch: '?' };
}

function buildFromSource() {
  if (platform !== process.platform || arch !== process.arch) die('--from-source 只能为本机平台编译；Windows 安装包请在 Windows 上编译，或使用随包附带的 Node-API 预编译文件（默认方式）');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'better-sqlite3-electron-'));
  fs.cpSync(pkgDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}prebuilds`) && !src.includes(`${path.sep}build${path.sep}`) });
  fs.cpSync(path.join(root, 'node_modules', 'node-addon-api'), path.join(work, 'node_modules', 'node-addon-api'), { recursive: true });
  const gypBin = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const r = spawnSync(process.execPath, [gypBin, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
  if (r.status !== 0) die('编译失败（需要编译器和 Electron 头文件，见上方输出）');
  return path.join(work, 'build', 'Release', 'better_sqlite3.node');
}

const source = fromSource ? buildFromSource() : path.join(pkgDir, 'prebuilds', `${platform}-${arch}.node`);
if (!fs.existsSync(source)) die(`找不到 ${path.relative(root, source)}：请先运行 npm install`);
const found = describeBinary(source);
if (found.platform !== platform || found.arch !== arch) die(`${path.relative(root, source)} 是 ${found.platform}-${found.arch} 的程序，不是 ${platform}-${arch}`);

const outDir = path.join(root, 'resources', 'native', `${OS_NAMES[platform]}-${arch}`);
fs.mkdirSync(outDir, { recursive: true });
const target = path.join(outDir, 'better_sqlite3.node');
fs.copyFileSync(source, target);
const sha256 = crypto.createHash('sha256').update(fs.readFileSync(target)).digest('hex');
const manifest = { betterSqlite3: sqlite.version, nodeApi: napi, electron: electronVersion, platform, arch, from: fromSource ? 'source' : 'prebuild', sha256 };
fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`electron-native：${path.relative(root, target)}（better-sqlite3 ${sqlite.version}，Node-API ${napi}，Electron ${electronVersion}，${platform}-${arch}，${from(manifest)}）`);
function from(m) {
  return m.from === 'source' ? '自源码编译' : '预编译文件';
}
