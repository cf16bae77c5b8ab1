// The process's logger (issue 26): pino writing JSON lines to stdout, through a destination that
// cannot block exit. Once a write to stdout fails (EPIPE: the terminal closed, the log shipper
// died, `npm` was killed), logging stops instead of retrying, so a SIGTERM still ends the process.
// Writes are synchronous (the line is out before the next one, and nothing is left to flush at
// exit); while the reader is alive a full pipe slows the process down, as any synchronous logger's.
import { writeSync } from "node:fs";
import { pino, type DestinationStream, type Level, type Logger } from "pino";

const STDOUT = 1;

// A pipe whose reader is alive but slow answers EAGAIN (stdout is non-blocking): wait a moment and
// try again, a bounded number of times, then drop that one line and go on.
const FULL_PIPE_TRIES = 20;
const FULL_PIPE_WAIT_MS = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A destination writing to `fd` until a write fails for good (EPIPE: nobody reads it any more),
 * then dropping every line. A full pipe (EAGAIN) is waited on briefly, never for ever.
 */
export function unblockingDestination(fd: number = STDOUT, write: (fd: number, text: string) => void = (target, text) => void writeSync(target, text)): DestinationStream & { readonly broken: () => boolean } {
  let broken = false;
  return {
    write(line: string) {
      for (let tries = 1; !broken; tries += 1) {
        try {
          write(fd, line);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EAGAIN") {
            // Nobody reads this stream any more: there is nowhere to say so.
            broken = true;
            return;
          }
          if (tries >= FULL_PIPE_TRIES) return;
          Atomics.wait(pause, 0, 0, FULL_PIPE_WAIT_MS);
        }
      }
    },
    broken: () => broken,
  };
}

// `process.stdout.write` (the start-up lines) to a closed pipe emits EPIPE as an error event;
// unhandled, it would end the process with a crash instead of its own exit code.
let streamsGuarded = false;
function guardStandardStreams(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
}

export function createLogger(level: Level | "silent"): Logger {
  guardStandardStreams();
  return pino({ level }, unblockingDestination());
}
