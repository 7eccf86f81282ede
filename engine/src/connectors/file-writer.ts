import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

type Callback = (err?: Error | null) => void;

/**
 * A Writable on an open file handle that reports failures through `wrap` (so writers see
 * ChorusErrors), fsyncs before 'finish' and closes the handle when destroyed.
 */
export class FileWriter extends Writable {
  private readonly handle: FileHandle;
  private readonly wrap: (err: unknown) => Error;

  constructor(handle: FileHandle, wrap: (err: unknown) => Error) {
    super();
    this.handle = handle;
    this.wrap = wrap;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: Callback): void {
    this.settle(this.writeAll(chunk), callback);
  }

  // Batches queued chunks into one write call.
  override _writev(chunks: { chunk: Buffer }[], callback: Callback): void {
    this.settle(this.writeAll(Buffer.concat(chunks.map((c) => c.chunk))), callback);
  }

  override _final(callback: Callback): void {
    this.settle(this.handle.sync(), callback);
  }

  override _destroy(error: Error | null, callback: Callback): void {
    this.handle.close().then(
      () => callback(error),
      (closeErr: unknown) => callback(error ?? this.wrap(closeErr)),
    );
  }

  private settle(work: Promise<unknown>, callback: Callback): void {
    work.then(
      () => callback(),
      (err: unknown) => callback(this.wrap(err)),
    );
  }

  /** write(2) may write less than asked (e.g. near a full disk): loop until all is written. */
  private async writeAll(data: Buffer): Promise<void> {
    for (let offset = 0; offset < data.length; ) {
      const { bytesWritten } = await this.handle.write(data, offset);
      offset += bytesWritten;
    }
  }
}
