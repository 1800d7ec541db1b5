// Follows a quoted CSV field past the record limit without keeping it, to tell a field that is
// merely too long (its closing quote comes) from one whose closing quote never comes.

export class QuotedFieldSkim {
  /** Characters of the field's value read so far ("" counts as one). */
  length = 0;
  /** A quote ended the last text: it closes the field unless the next text starts with another. */
  private quoteAtEnd = false;

  /** Reads the next text of the field (after its opening quote); true once the field has closed. */
  feed(text: string): boolean {
    let i = 0;
    if (this.quoteAtEnd && text.length > 0) {
      this.quoteAtEnd = false;
      if (text[0] !== '"') return true;
      this.length += 1;
      i = 1;
    }
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote === -1) {
        this.length += text.length - i;
        return false;
      }
      this.length += quote - i;
      if (quote + 1 === text.length) {
        this.quoteAtEnd = true;
        return false;
      }
      if (text[quote + 1] !== '"') return true;
      this.length += 1;
      i = quote + 2;
    }
  }

  /** At the end of the file: did the field close? */
  closedAtEnd(): boolean {
    return this.quoteAtEnd;
  }
}
