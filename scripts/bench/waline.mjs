// Waline's server (@waline/vercel on the npm registry) as the bench's peer, run standalone the way its Docker
// image runs it (`node node_modules/@waline/vercel/vanilla.js`), on SQLite. Installed once into a folder of the
// system's temporary folder and reused (deleting that folder installs it again); never inside the checkout.
// Set up as its documentation describes: SQLITE_PATH and SQLITE_DB name the database, whose tables we create (its
// SQLite schema, assets/waline.sqlite in its repository: wl_Comment, wl_Counter, wl_Users), JWT_TOKEN signs its
// logins; for the bench, Akismet off (AKISMET_KEY=false), no minimum time between two comments of one address
// (IPQPS=0), and OAUTH_URL on loopback: Waline asks its OAuth service (https://oauth.lithub.cc by default) on every
// request, so a fake answers it there at once, and Waline's figures here are better than they would be live.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { freePort, startChild, waitForOk } from './processes.mjs';

export const walineVersion = '1.39.3';
const installFolder = join(tmpdir(), `natter-bench-waline-${walineVersion}`);
const serverFolder = join(installFolder, 'node_modules/@waline/vercel');

/** Waline's SQLite tables, as its repository's assets/waline.sqlite has them. */
const schema = `
  create table wl_Comment (id integer primary key autoincrement, user_id integer, comment text,
    insertedAt datetime default (datetime('now', 'localtime')), ip text, link text, mail text, nick text,
    rid integer, pid integer, sticky numeric, status text not null, "like" integer, ua text, url text,
    createdAt datetime default (datetime('now', 'localtime')), updatedAt datetime default (datetime('now', 'localtime')));
  create table wl_Counter (id integer primary key autoincrement, time integer, reaction0 integer, reaction1 integer,
    reaction2 integer, reaction3 integer, reaction4 integer, reaction5 integer, reaction6 integer, reaction7 integer,
    reaction8 integer, url text, createdAt datetime default (datetime('now', 'localtime')),
    updatedAt datetime default (datetime('now', 'localtime')));
  create table wl_Users (id integer primary key autoincrement, display_name text not null default '',
    email text not null default '', password text not null default '', type text not null default '', label text,
    github text, twitter text, facebook text, google text, weibo text, qq text, oidc text, huawei text, "2fa" text,
    avatar text, url text, createdAt datetime default (datetime('now', 'localtime')),
    updatedAt datetime default (datetime('now', 'localtime')));`;

/** Whether Waline's SQLite driver (sqlite3, a native module built at install) loads. */
function hasSqliteDriver() {
  const check = spawnSync(
    process.execPath,
    ['-e', "require(require.resolve('sqlite3', { paths: [require.resolve('think-model-sqlite')] }))"],
    { cwd: serverFolder, stdio: 'ignore' },
  );
  return check.status === 0;
}

/**
 * Installs @waline/vercel into the scratch install folder unless it is there already; resolves with a sentence of
 * what was done. Throws, saying why, when it cannot be installed.
 */
export async function installWaline() {
  if (existsSync(join(serverFolder, 'vanilla.js')) && hasSqliteDriver()) {
    return `Waline ${walineVersion} already installed in ${installFolder}`;
  }
  await mkdir(installFolder, { recursive: true });
  // npm runs no dependency's install script unless allowed: sqlite3's builds its binding (from source when no
  // prebuilt binary can be fetched, which takes minutes).
  writeFileSync(
    join(installFolder, 'package.json'),
    JSON.stringify({ private: true, allowScripts: { sqlite3: true } }),
  );
  console.log(
    `installing @waline/vercel@${walineVersion} into ${installFolder} (several minutes the first time)`,
  );
  const install = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--omit=dev', `@waline/vercel@${walineVersion}`],
    { cwd: installFolder, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (install.status !== 0)
    throw new Error(`npm install @waline/vercel@${walineVersion} failed (${install.status})`);
  if (!hasSqliteDriver())
    throw new Error('its SQLite driver, sqlite3, did not build: Waline cannot open SQLite');
  return `Waline ${walineVersion} installed in ${installFolder}`;
}

/**
 * Starts Waline on a fresh database in `folder` with its output in `logFile`, and the fake OAuth service beside
 * it; resolves once it answers: `{ url, child, oauth, database }`.
 */
export async function startWaline(folder, logFile) {
  const database = new BetterSqlite3(join(folder, 'waline.sqlite'));
  database.exec(schema);
  database.close();
  // Its config.js beside vanilla.js: where a standalone Waline is told to listen on loopback only.
  writeFileSync(join(serverFolder, 'config.js'), "module.exports = { host: '127.0.0.1' };\n");

  const oauthPort = await freePort();
  const oauthBodies = join(folder, 'oauth.json');
  writeFileSync(oauthBodies, JSON.stringify({ '/': JSON.stringify({ services: [] }) }));
  const oauth = startChild(process.execPath, [
    'scripts/bench/bare-server.mjs',
    oauthBodies,
    String(oauthPort),
  ]);
  await waitForOk(`http://127.0.0.1:${oauthPort}/`, { child: oauth });

  const port = await freePort();
  const child = startChild(process.execPath, [join(serverFolder, 'vanilla.js'), String(port)], {
    cwd: installFolder,
    logFile,
    env: {
      NODE_ENV: 'production',
      SQLITE_PATH: folder,
      SQLITE_DB: 'waline',
      JWT_TOKEN: 'natter-bench',
      AKISMET_KEY: 'false',
      IPQPS: '0',
      OAUTH_URL: `http://127.0.0.1:${oauthPort}/`,
    },
  });
  const url = `http://127.0.0.1:${port}/`;
  // Its start takes seconds (it loads MathJax, jsdom and its markdown plugins), more on a busy machine.
  await waitForOk(`${url}api/comment?type=count&url=%2F&lang=en`, {
    child,
    timeoutMs: 180_000,
    everyMs: 100,
  });
  return { url, child, oauth, database: join(folder, 'waline.sqlite') };
}
