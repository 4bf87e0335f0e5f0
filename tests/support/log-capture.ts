/** Test support: the app's log lines (JSON, cloud/platform/log/logger.ts), collected in memory instead of stdout. */
import { Writable } from 'node:stream';
import { setLogDestination } from '../../cloud/platform/http/create-app';

/** Sends every log line into the returned array until `stopCapturingLogs()`. */
export function captureLogs(): string[] {
  const lines: string[] = [];
  setLogDestination(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return lines;
}

export function stopCapturingLogs(): void {
  setLogDestination(undefined);
}
