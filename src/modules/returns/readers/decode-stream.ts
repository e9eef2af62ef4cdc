// Turns the bytes of a CSV into text for the parser, whichever of the encodings Excel users produce it
// was saved in: UTF-8 (with or without a byte-order mark) or Windows-1252 ("CSV (comma delimited)" on
// a British Windows PC, where "é" is the single byte E9).
//
// The encoding is guessed from the start of the file, but a Windows-1252 file can be plain ASCII for
// its first thousand lines and only then have a "£" in a note. So UTF-8 is checked as the bytes flow:
// if invalid UTF-8 turns up when everything before it was ASCII, nothing read so far would decode
// differently, and the stream switches to Windows-1252 there. Invalid UTF-8 after genuine UTF-8
// characters means a file of mixed encodings, which cannot be decoded safely, so it is refused.
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { ValidationError } from '../../../platform/errors.ts';

export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * The encoding to read a file in, from its first bytes. Invalid UTF-8 after only ASCII means
 * Windows-1252; invalid UTF-8 after genuine UTF-8 characters is a file of mixed encodings, read as
 * UTF-8 so that DecodeToUtf8 refuses it with the line where it goes wrong. (An incomplete character
 * at the very end of `head` is not invalid: the rest of it is in the next bytes.)
 */
export function guessEncoding(head: Buffer): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return isAscii(head, firstInvalidUtf8(head)) ? 'windows-1252' : 'utf-8';
  }
}

function isAscii(buffer: Buffer, end: number): boolean {
  for (let i = 0; i < end; i++) if ((buffer[i] ?? 0) >= 0x80) return false;
  return true;
}

function countNewlines(buffer: Buffer, end = buffer.length): number {
  let n = 0;
  for (let i = buffer.indexOf(10); i >= 0 && i < end; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Offset of the first byte that cannot start or continue a UTF-8 character; only used on the error
 * path. `carried`: the previous chunk may have ended part-way through a character, leaving up to three
 * continuation bytes at the start of this one.
 */
function firstInvalidUtf8(buffer: Buffer, carried = false): number {
  let i = 0;
  if (carried) while (i < 3 && i < buffer.length && ((buffer[i] ?? 0) & 0xc0) === 0x80) i++;
  while (i < buffer.length) {
    const b = buffer[i] ?? 0;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= buffer.length) return buffer.length;
      if (((buffer[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return buffer.length;
}

/** Bytes in, strings out (one per chunk): the text is decoded once, here, while checking it. */
export class DecodeCsvText extends Transform {
  private encoding: CsvEncoding;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private windows1252: TextDecoder | undefined;
  private sawNonAscii = false;
  private linesBefore = 0;

  constructor(
    encoding: CsvEncoding,
    private readonly fileName: string,
  ) {
    super({ readableObjectMode: true });
    this.encoding = encoding;
  }

  /** The encoding in use now: the one guessed, or Windows-1252 after a switch. */
  get currentEncoding(): CsvEncoding {
    return this.encoding;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.encoding === 'windows-1252') {
      callback(null, this.fromWindows1252(chunk));
      return;
    }
    try {
      const text = this.utf8.decode(chunk, { stream: true });
      // One character per byte means every byte was ASCII.
      if (text.length !== chunk.length) this.sawNonAscii = true;
      this.linesBefore += countNewlines(chunk);
      if (text === '') callback();
      else callback(null, text);
    } catch {
      // Switching is only safe when nothing read so far, in this chunk or before, was other than ASCII.
      if (this.sawNonAscii || !isAscii(chunk, firstInvalidUtf8(chunk))) {
        callback(this.mixedEncoding(chunk));
        return;
      }
      this.encoding = 'windows-1252';
      callback(null, this.fromWindows1252(chunk));
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.encoding === 'utf-8') {
      try {
        // Nothing but the end of a character cut short can be left, and that is an error.
        this.utf8.decode();
      } catch {
        callback(this.mixedEncoding(Buffer.alloc(0)));
        return;
      }
    }
    callback();
  }

  private fromWindows1252(chunk: Buffer): string {
    this.windows1252 ??= new TextDecoder('windows-1252');
    return this.windows1252.decode(chunk, { stream: true });
  }

  private mixedEncoding(chunk: Buffer): ValidationError {
    const line = this.linesBefore + countNewlines(chunk, firstInvalidUtf8(chunk, this.sawNonAscii)) + 1;
    return new ValidationError('The file could not be read.', [
      {
        file: this.fileName,
        row: line,
        message:
          'The file mixes two text encodings: it starts as UTF-8 but this row has characters saved another way. Open it in Excel, save it as "CSV UTF-8 (comma delimited)" and upload it again',
      },
    ]);
  }
}
