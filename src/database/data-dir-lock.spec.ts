import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'flowpolicy-lock-'));

  it('writes this process id and removes it on release', () => {
    const dataDir = dir();
    const lock = DataDirLock.acquire(dataDir);
    expect(readFileSync(join(dataDir, 'flowpolicy.pid'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dataDir, 'flowpolicy.pid'))).toBe(false);
  });

  it('refuses a folder that a running process holds, naming the folder and the pid', async () => {
    const dataDir = dir();
    // Runs until killed below, however long the test takes.
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)']);
    try {
      writeFileSync(join(dataDir, 'flowpolicy.pid'), String(other.pid));
      expect(() => DataDirLock.acquire(dataDir)).toThrow(`${dataDir} is in use by process ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that has exited', async () => {
    const dataDir = dir();
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(join(dataDir, 'flowpolicy.pid'), String(gone.pid));
    const lock = DataDirLock.acquire(dataDir);
    expect(readFileSync(join(dataDir, 'flowpolicy.pid'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
