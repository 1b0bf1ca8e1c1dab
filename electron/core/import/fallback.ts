/**
 * Thrown by the fast .xlsx reader where it is not sure it reads the file as
 * Excel would (a construct it does not handle, a value it cannot place): the
 * file is then read whole by SheetJS instead, and the analysis says so. The
 * reason is a Chinese phrase for that note.
 */
export class NeedsFallback extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NeedsFallback';
  }
}
