/** File-system input for the CLI: files and folders (recursively) of YAML or JSON manifests. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestFile } from '../engine';

const MANIFEST = /\.(ya?ml|json)$/i;

/** Thrown for input the CLI cannot read; the message names the path. */
export class CliInputError extends Error {}

export function readManifestFiles(paths: readonly string[]): ManifestFile[] {
  const out: ManifestFile[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new CliInputError(`${path}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false);
    } else if (explicit || MANIFEST.test(path)) {
      out.push({ name: path, content: readFileSync(path, 'utf8') });
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliInputError(`${path}: cannot read file`);
  }
}
