// A watch on a live view that can miss events (a subscription not yet registered on the server
// when its query answered, a dropped socket, a lost Redis message): when nothing was heard for a
// while, `onSilence` fetches the truth again. It waits `firstMs`, then twice as long after each
// quiet turn (at most `maxMs`), and starts over from `firstMs` whenever something is heard, so a
// busy view costs nothing and a quiet one little.

export interface SilenceWatch {
  /** Something arrived: the next check is `firstMs` away again. */
  heard(): void;
  stop(): void;
}

export const SILENCE_FIRST_MS = 5_000;
export const SILENCE_MAX_MS = 60_000;

/** The wait before the check after `quietTurns` checks in a row that heard nothing. */
export const silenceDelay = (quietTurns: number, firstMs = SILENCE_FIRST_MS, maxMs = SILENCE_MAX_MS) =>
  Math.min(maxMs, firstMs * 2 ** quietTurns);

export function watchSilence(onSilence: () => void, firstMs = SILENCE_FIRST_MS, maxMs = SILENCE_MAX_MS): SilenceWatch {
  let quietTurns = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    timer = setTimeout(
      () => {
        quietTurns += 1;
        arm();
        onSilence();
      },
      silenceDelay(quietTurns, firstMs, maxMs),
    );
  };
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  arm();
  return {
    heard() {
      if (!timer) return;
      stop();
      quietTurns = 0;
      arm();
    },
    stop,
  };
}
