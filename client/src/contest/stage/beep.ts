let ctx: AudioContext | null = null;

/**
 * A short two-tone beep through WebAudio (the buzz signal on stage). Never throws: a browser that
 * blocks audio until a click, or has none, just stays silent.
 */
export function beep(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    ctx ??= new Ctor();
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      const t0 = start + i * 0.14;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.13);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.14);
    }
  } catch {
    // Audio is a nicety: blocked or missing audio must not break the screen.
  }
}

/** Lets the first click or key on the page unlock audio (browsers start AudioContexts suspended). */
export function unlockAudioOnGesture(): () => void {
  const unlock = () => {
    try {
      const Ctor = window.AudioContext;
      if (!Ctor) return;
      ctx ??= new Ctor();
      void ctx.resume().catch(() => undefined);
    } catch {
      // ignore
    }
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
  return () => {
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
}
