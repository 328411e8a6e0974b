import { parentPort, workerData } from 'node:worker_threads';
import { ImportInputError } from './format';
import { readPackage } from './spreadsheet-read';

// The worker `spreadsheet.ts` starts for one file: the bytes come in, the sheet (or a refusal) goes out.
try {
  parentPort?.postMessage({ content: readPackage(workerData as Uint8Array) });
} catch (error) {
  parentPort?.postMessage(
    error instanceof ImportInputError
      ? { refused: { message: error.message, code: error.code } }
      : { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
