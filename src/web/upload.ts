// Multipart uploads streamed straight to a temporary file, so a large return never sits in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../platform/errors.ts';

export const MAX_UPLOAD_BYTES = 250 * 1024 * 1024;

export interface UploadedFile {
  fileName: string;
  path: string;
  fields: Record<string, string>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

/** Reads a multipart form with one file field; other fields come back as text. */
export async function receiveUpload(request: FastifyRequest, fileField: string): Promise<UploadedFile> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'clmd-upload-'));
  const fields: Record<string, string> = {};
  let fileName = '';
  let target = '';
  const discard = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField || !part.filename) {
          part.file.resume();
          continue;
        }
        fileName = path.basename(part.filename);
        target = path.join(dir, 'upload' + path.extname(fileName).toLowerCase());
        await pipeline(part.file, fs.createWriteStream(target));
        if (part.file.truncated) {
          throw new ValidationError('The file is too large.', [
            {
              field: fileField,
              message: `The selected file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
            },
          ]);
        }
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
    if (!target || (await fs.promises.stat(target)).size === 0) {
      throw new ValidationError('Select a file.', [
        {
          field: fileField,
          message: target ? `The selected file is empty: ${fileName}` : 'Select a file to upload',
        },
      ]);
    }
    return { fileName, path: target, fields, discard };
  } catch (error) {
    await discard();
    throw error;
  }
}
