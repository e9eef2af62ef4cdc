// Small text helpers shared by the parser and the checker: columns users can count, and quoting a
// piece of the formula safely inside a message.

/** The 1-based column of a UTF-16 offset, counting Unicode characters (an emoji is one column). */
export function columnOf(text: string, position: number): number {
  let column = 1;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    // A low surrogate after a high surrogate belongs to the same character.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    column++;
  }
  return column;
}

const MAX_QUOTED = 40;

/** A fragment of the formula fit to show between quotation marks: invisible characters named, long text cut. */
export function quoteSource(fragment: string): string {
  const characters = Array.from(fragment);
  const shown = characters.length > MAX_QUOTED ? [...characters.slice(0, MAX_QUOTED), '…'] : characters;
  return `"${shown.map(visibleCharacter).join('')}"`;
}

/** Letters, digits, punctuation, symbols and the plain space are shown as they are; anything else as U+XXXX. */
export function visibleCharacter(character: string): string {
  return character === ' ' || isPrintable(character) ? character : codePointName(character);
}

export function codePointName(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function isPrintable(character: string): boolean {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character);
}

/** 12345 → "12,345". */
export function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
