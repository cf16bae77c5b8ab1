// The process's logger (issue 26): pino writing JSON lines to stdout, through a destination that
// cannot block exit. Once a write to stdout fails (EPIPE: the terminal closed, the log shipper
// died, `npm` was killed), logging stops instead of retrying, so a SIGTERM still ends the process.
// Writes are synchronous (the line is out before the next one, and nothing is left to flush at
// exit); while the reader is alive a full pipe slows the process down, as any synchronous logger's.
import { writeSync } from "node:fs";
import { pino, type DestinationStream, type Level, type Logger } from "pino";

const STDOUT = 1;

/** A destination writing to `fd` until the first failed write, then dropping every line. */
export function unblockingDestination(fd: number = STDOUT, write: (fd: number, text: string) => void = (target, text) => void writeSync(target, text)): DestinationStream & { readonly broken: () => boolean } {
  let broken = false;
  return {
    write(line: string) {
      if (broken) return;
      try {
        write(fd, line);
      } catch {
        // Nobody reads this stream any more: there is nowhere to say so.
        broken = true;
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
