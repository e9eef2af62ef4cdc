// Keeps every original file a user submitted, named by its SHA-256, under the data directory, so a
// submission can always be traced back to exactly what was received.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(filePath), hash);
  return hash.digest('hex');
}

export function createFileStore(root: string) {
  return {
    /** Copies the file into the store (once per content) and returns its path relative to the root. */
    async put(sourcePath: string, sha256: string, extension: string): Promise<string> {
      const relative = path.join(sha256.slice(0, 2), `${sha256}${extension}`);
      const target = path.join(root, relative);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const temporary = `${target}.${process.pid}.part`;
        await fs.promises.copyFile(sourcePath, temporary);
        await fs.promises.rename(temporary, target);
      }
      return relative;
    },

    resolve(relative: string): string {
      return path.join(root, relative);
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
