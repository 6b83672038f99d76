// A second kind of server for the e2e tests: Python's plain static server, as a host with no special
// configuration would serve the production folder. Started in its own process group so stopping it stops
// the real interpreter, not only the `python3` launcher in front of it.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Serves `dir` at http://127.0.0.1:<free port>/; resolves to { origin, stop() }. */
export function startStatic(dir) {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`python3 -m http.server did not start: ${seen}`));
    }, 15000);
    const onData = (chunk) => {
      seen += chunk;
      const m = seen.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ origin: `http://127.0.0.1:${m[1]}`, stop });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`python3 -m http.server exited (${code}): ${seen}`));
    });
  });
}

/** The sub-path the production folder is served under, as a course site would. */
export const SUB_PATH = '/courses/nn/playground/';

/**
 * A temporary web root holding the production folder at SUB_PATH: DIST_DIR (what `cargo xtask test` built)
 * linked there, or a fresh `cargo xtask dist` into it when DIST_DIR is not set. Returns { root, dist, cleanup }.
 */
export function distRoot() {
  const root = mkdtempSync(join(tmpdir(), 'ap-dist-root-'));
  const place = join(root, ...SUB_PATH.split('/').filter(Boolean));
  mkdirSync(dirname(place), { recursive: true });
  if (process.env.DIST_DIR) {
    if (!existsSync(join(process.env.DIST_DIR, 'index.html'))) throw new Error(`DIST_DIR=${process.env.DIST_DIR} holds no index.html`);
    symlinkSync(process.env.DIST_DIR, place);
  } else {
    execFileSync('cargo', ['xtask', 'dist', '--out', place], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { root, dist: place, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
