// The emotion timeline: the probabilities of every label over time as stacked areas, the top emotion named above
// them, silence as a gap and "not sure" answers faded. The same drawing serves the live analysis while recording and
// the segments the API returns for a long file. Its text alternative is the list of top emotions with their times.
import { clearedCanvas } from "./canvas.js";
import { LABELS, capitalise, emotionStyle, percent } from "./emotions.js";

const NAMES_HEIGHT = 22;   // CSS pixels above the areas, for the names of the top emotions

/**
 * A point is {startSeconds, endSeconds, prediction} (a window or a segment the API analysed) or {startSeconds,
 * endSeconds, silent: true}; it is drawn at the middle of its span, so the timeline lines up with the waveform.
 * `onSeek(seconds)` is called when a point is clicked, or chosen with the arrow keys and Enter.
 */
export class Timeline {
  constructor(root, { onSeek = () => {} } = {}) {
    this.root = root;
    this.canvas = root.querySelector("canvas");
    this.list = root.querySelector("[data-role=timeline-text]");
    this.onSeek = onSeek;
    this.points = [];
    this.durationSeconds = 0;
    this.selected = -1;
    root.querySelector("[data-role=timeline-legend]").replaceChildren(...LABELS.map((label) => {
      const item = document.createElement("li");
      item.style.setProperty("--swatch", emotionStyle(label).color);
      item.textContent = label;
      return item;
    }));
    this.canvas.addEventListener("click", (event) => this.clicked(event));
    this.canvas.addEventListener("keydown", (event) => this.key(event));
    window.addEventListener("resize", () => this.draw());
    this.render();
  }

  reset() {
    this.points = [];
    this.durationSeconds = 0;
    this.selected = -1;
    this.root.hidden = true;
    this.render();
  }

  add(point, durationSeconds = point.endSeconds) {
    this.points.push(point);
    this.points.sort((a, b) => middle(a) - middle(b));
    this.durationSeconds = Math.max(this.durationSeconds, durationSeconds);
    this.root.hidden = false;
    this.render();
  }

  /** The timeline of an analysed file: its segments, or the whole clip as one point. */
  showPrediction(prediction, durationSeconds) {
    this.reset();
    const duration = durationSeconds || prediction.durationSeconds || 0;
    const segments = prediction.segments?.length ? prediction.segments
      : [{ startSeconds: 0, endSeconds: duration, ...prediction }];
    for (const segment of segments) {
      this.add({ startSeconds: segment.startSeconds, endSeconds: segment.endSeconds, prediction: segment }, duration);
    }
  }

  /** Stretches the time axis to the whole clip, so it lines up with the waveform below it. */
  setDuration(seconds) {
    this.durationSeconds = Math.max(this.durationSeconds, seconds);
    this.draw();                       // called as recording time passes: only the drawing depends on it
  }

  render() {
    this.root.dataset.points = String(this.points.length);
    this.list.replaceChildren(...runs(this.points).map((run) => {
      const item = document.createElement("li");
      item.dataset.top = run.top;
      const when = run.to > run.from ? `${clock(run.from)}–${clock(run.to)}` : clock(run.from);
      item.textContent = `${when}: ${run.top}`;
      return item;
    }));
    this.canvas.setAttribute("aria-label", this.points.length
      ? `Emotion over time, ${this.points.length} points. Use the arrow keys to move, Enter to play from there.`
      : "Emotion over time: no answers yet.");
    this.draw();
  }

  draw() {
    const canvas = this.canvas;
    const { g, width, height, ratio } = clearedCanvas(canvas);
    if (!this.points.length || !this.durationSeconds) return;
    const top = NAMES_HEIGHT * ratio;
    const areaHeight = height - top;
    const x = (seconds) => (seconds / this.durationSeconds) * width;
    const band = (point) => {    // where a point's column starts and ends: halfway to its neighbours
      const i = this.points.indexOf(point);
      const prev = this.points[i - 1];
      const next = this.points[i + 1];
      const from = prev ? (middle(prev) + middle(point)) / 2 : point.startSeconds;
      const to = next ? (middle(point) + middle(next)) / 2 : point.endSeconds;
      return [x(from), x(to)];
    };
    for (const point of this.points) {
      const [x0, x1] = band(point);
      if (point.silent) {
        g.fillStyle = "#2c3260";
        for (let hx = x0; hx < x1; hx += 6 * ratio) g.fillRect(hx, top + areaHeight / 2, 2 * ratio, ratio);   // a dotted line: silence
        continue;
      }
      const p = point.prediction.probabilities || { [point.prediction.emotion]: 1 };
      g.globalAlpha = point.prediction.uncertain ? 0.45 : 1;
      let y = top + areaHeight;
      for (const label of labelsOf(p)) {
        const h = (Number(p[label]) || 0) * areaHeight;
        g.fillStyle = emotionStyle(label).color;
        g.fillRect(x0, y - h, Math.max(1, x1 - x0), h);
        y -= h;
        g.fillStyle = "#0d1020";                     // a dark rule between bands: they differ in more than hue
        g.fillRect(x0, y, Math.max(1, x1 - x0), ratio);
      }
      g.globalAlpha = 1;
    }
    g.font = `${Math.round(12 * ratio)}px system-ui, sans-serif`;
    g.textBaseline = "middle";
    g.textAlign = "center";
    for (const run of runs(this.points)) {
      const name = run.top === "silence" ? "" : run.top;
      const mid = (x(run.from) + x(run.to)) / 2;
      if (name && g.measureText(name).width < x(run.to) - x(run.from) + 40 * ratio) {
        g.fillStyle = run.top === "not sure" ? "#b4bad8" : emotionStyle(run.top).color;
        g.fillText(name, Math.min(Math.max(mid, 30 * ratio), width - 30 * ratio), top / 2);
      }
    }
    if (this.selected >= 0 && this.points[this.selected]) {
      const [x0, x1] = band(this.points[this.selected]);
      g.strokeStyle = "#eef0fb";
      g.lineWidth = 2 * ratio;
      g.strokeRect(x0 + ratio, top, Math.max(2, x1 - x0 - 2 * ratio), areaHeight - ratio);
    }
  }

  clicked(event) {
    const rect = this.canvas.getBoundingClientRect();
    const seconds = ((event.clientX - rect.left) / rect.width) * this.durationSeconds;
    this.select(nearest(this.points, seconds));
    this.onSeek(Math.max(0, seconds));
  }

  key(event) {
    if (!this.points.length) return;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const step = event.key === "ArrowRight" ? 1 : -1;
      this.select(Math.max(0, Math.min(this.points.length - 1, (this.selected < 0 ? 0 : this.selected + step))));
    } else if ((event.key === "Enter" || event.key === " ") && this.selected >= 0) {
      event.preventDefault();
      this.onSeek(middle(this.points[this.selected]));
    }
  }

  select(index) {
    this.selected = index;
    const point = this.points[index];
    this.root.querySelector("[data-role=timeline-selected]").textContent = point ? describe(point) : "";
    this.draw();
  }
}

/** Consecutive points with the same top emotion ("not sure" and "silence" count as answers), for names and text. */
function runs(points) {
  const out = [];
  for (const point of points) {
    const top = topOf(point);
    const last = out[out.length - 1];
    if (last && last.top === top) last.to = middle(point);
    else out.push({ top, from: middle(point), to: middle(point) });
  }
  return out;
}

function topOf(point) {
  if (point.silent) return "silence";
  return point.prediction.uncertain ? "not sure" : point.prediction.emotion;
}

function describe(point) {
  const span = `${clock(point.startSeconds)}–${clock(point.endSeconds)}`;
  if (point.silent) return `${span}: silence`;
  const { emotion, confidence, uncertain } = point.prediction;
  return `${span}: ${capitalise(emotion)} ${percent(confidence)}${uncertain ? " (not sure)" : ""}`;
}

function labelsOf(probabilities) {
  const known = LABELS.filter((label) => label in probabilities);
  return known.concat(Object.keys(probabilities).filter((label) => !LABELS.includes(label)));
}

function middle(point) {
  return (point.startSeconds + point.endSeconds) / 2;
}

function nearest(points, seconds) {
  let best = -1;
  for (let i = 0; i < points.length; i++) {
    if (best < 0 || Math.abs(middle(points[i]) - seconds) < Math.abs(middle(points[best]) - seconds)) best = i;
  }
  return best;
}

/** 0:03.5: tenths of a second, as windows move by fractions of one. */
function clock(seconds) {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, "0")}`;
}
