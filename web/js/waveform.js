// Draws the clip that was sent: min/max envelope per pixel column, optional segment colours and a playhead.
import { clearedCanvas } from "./canvas.js";
import { emotionStyle } from "./emotions.js";

export function drawWaveform(canvas, samples, { durationSeconds = 0, segments = null, progress = 0 } = {}) {
  const { g, width, height, ratio } = clearedCanvas(canvas);
  if (!samples || samples.length === 0) return;

  if (segments && durationSeconds > 0) {
    for (const segment of segments) {
      const x0 = (segment.startSeconds / durationSeconds) * width;
      const x1 = (segment.endSeconds / durationSeconds) * width;
      g.fillStyle = emotionStyle(segment.emotion).color + "26";
      g.fillRect(x0, 0, Math.max(1, x1 - x0), height);
    }
  }

  const mid = height / 2;
  const perColumn = samples.length / width;
  const played = progress * width;
  let peak = 1e-9;
  for (let i = 0; i < samples.length; i += 7) peak = Math.max(peak, Math.abs(samples[i]));
  const gain = Math.min(1 / peak, 20) * 0.95;   // quiet recordings still show their shape
  for (let x = 0; x < width; x++) {
    const from = Math.floor(x * perColumn);
    const to = Math.min(samples.length, Math.floor((x + 1) * perColumn) + 1);
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to; i++) {
      const s = samples[i];
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    g.fillStyle = x < played ? "#a5b4fc" : "#5b6690";
    const top = mid - hi * gain * mid;
    const bottom = mid - lo * gain * mid;
    g.fillRect(x, top, 1, Math.max(ratio, bottom - top));
  }
  if (progress > 0 && progress < 1) {
    g.fillStyle = "#e0e7ff";
    g.fillRect(played, 0, ratio, height);
  }
}
