// One vocabulary of failures for web, CLI and importers. The error handler turns these into
// GOV.UK error summaries (web), a table or JSON and a non-zero exit (CLI).

/** One thing wrong with what the user gave us, located as precisely as we can. */
export interface Problem {
  /** File name as the user knows it, when the problem is in a file. */
  file?: string;
  sheet?: string;
  /** 1-based row as shown by Excel/LibreOffice (the header is row 1). */
  row?: number;
  /** Column letter (A, B …) or header name. */
  column?: string;
  /** Form field or CLI option the problem belongs to. */
  field?: string;
  /** Plain English: what is wrong and what to do about it. */
  message: string;
}

export class AppError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The user's input cannot be accepted; every problem is listed and nothing was changed. */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message, 400, 'validation_failed');
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, 'not_found');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, 403, 'forbidden');
  }
}

/** Where a problem is, in the words a user would use: "file.xlsx, sheet Indicators, row 4, column C". */
export function describeLocation(p: Problem): string {
  const parts: string[] = [];
  if (p.file) parts.push(p.file);
  if (p.sheet) parts.push(`sheet ${p.sheet}`);
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  if (p.column) parts.push(`column ${p.column}`);
  if (p.field) parts.push(p.field);
  return parts.join(', ');
}

/** For a web error summary: where in a file, if anywhere, then the message; form field ids are left out. */
export function summaryText(p: Problem): string {
  const where = describeLocation({ ...p, field: undefined });
  return where ? `${where}: ${p.message}` : p.message;
}

export function formatProblem(p: Problem): string {
  const where = describeLocation(p);
  return where ? `${where}: ${p.message}` : p.message;
}
