/**
 * Writes batches with up to `writers` transactions at once. After a failure no new batch starts, and the
 * first error is thrown only once every batch in flight has ended, so an undo that follows sees all that
 * was committed.
 */
export async function runBatches<T>(
  batches: T[],
  writers: number,
  write: (batch: T) => Promise<void>,
  shouldStop: () => boolean,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const writer = async () => {
    while (failure === null && next < batches.length) {
      const batch = batches[next++] as T;
      try {
        if (shouldStop()) throw new Error('the server is shutting down');
        await write(batch);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(writers, batches.length)) }, writer));
  if (failure) throw (failure as { error: unknown }).error;
}
