// Renders a prediction: headline emotion, probability bars for every label, and the segment timeline.
import { LABELS, capitalise, emotionStyle, percent } from "./emotions.js";

export function renderPrediction(root, prediction) {
  const style = emotionStyle(prediction.emotion);
  root.dataset.emotion = prediction.emotion;
  root.style.setProperty("--emotion-color", style.color);
  root.querySelector("[data-role=emoji]").textContent = style.glyph;
  root.querySelector("[data-role=emotion]").textContent = capitalise(prediction.emotion);
  root.querySelector("[data-role=confidence]").textContent = percent(prediction.confidence);
  root.querySelector("[data-role=confidence-bar]").style.width = percent(prediction.confidence, 1);
  // the model flags answers below its calibrated threshold (docs/accuracy.md, "What confidence means")
  root.querySelector("[data-role=uncertain]").hidden = prediction.uncertain !== true;
  renderBars(root.querySelector("[data-role=probabilities]"), prediction);
  renderTimeline(root.querySelector("[data-role=timeline]"), prediction);
  const facts = [
    prediction.durationSeconds != null ? `${prediction.durationSeconds.toFixed(1)} s of audio` : null,
    prediction.model ? `model ${prediction.model}` : null,
    prediction.timings ? `${Math.round(totalMillis(prediction.timings))} ms on the server` : null,
  ].filter(Boolean);
  root.querySelector("[data-role=facts]").textContent = facts.join(" · ");
  root.hidden = false;
}

function renderBars(list, prediction) {
  const probabilities = prediction.probabilities || {};
  const labels = Object.keys(probabilities).length ? Object.keys(probabilities) : LABELS;
  list.replaceChildren(...labels.map((label) => {
    const p = Number(probabilities[label]) || 0;
    const item = element("li", "bar" + (label === prediction.emotion ? " is-top" : ""));
    item.dataset.label = label;
    item.dataset.probability = String(p);
    item.style.setProperty("--bar-color", emotionStyle(label).color);
    const name = element("span", "bar-label");
    const style = emotionStyle(label);
    const glyph = element("span", "glyph", style.hasEmoji ? style.emoji : "●");   // the name follows; a dot in its colour will do
    glyph.setAttribute("aria-hidden", "true");
    name.append(glyph, ` ${capitalise(label)}`);
    const track = element("span", "bar-track");
    track.setAttribute("aria-hidden", "true");
    const fill = element("span", "bar-fill");
    fill.style.width = percent(p, 1);
    track.append(fill);
    item.append(name, track, element("span", "bar-value", percent(p, 1)));
    return item;
  }));
}

/** Text only, never HTML: labels and tags come from whichever API the page was pointed at. */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderTimeline(section, prediction) {
  const segments = prediction.segments;
  if (!segments || segments.length < 2) {
    section.hidden = true;
    return;
  }
  const total = prediction.durationSeconds || segments[segments.length - 1].endSeconds;
  const strip = section.querySelector("[data-role=timeline-strip]");
  const list = section.querySelector("[data-role=timeline-list]");
  strip.replaceChildren(...segments.map((segment) => {
    const block = document.createElement("span");
    block.className = "segment";
    block.style.left = `${(100 * segment.startSeconds) / total}%`;
    block.style.width = `${(100 * (segment.endSeconds - segment.startSeconds)) / total}%`;
    block.style.setProperty("--segment-color", emotionStyle(segment.emotion).color);
    block.title = describe(segment);
    block.textContent = emotionStyle(segment.emotion).glyph;
    return block;
  }));
  list.replaceChildren(...segments.map((segment) => {
    const item = document.createElement("li");
    item.textContent = describe(segment);
    return item;
  }));
  section.hidden = false;
}

function describe(segment) {
  return `${segment.startSeconds.toFixed(1)}–${segment.endSeconds.toFixed(1)} s: ${segment.emotion} (${percent(segment.confidence)})`;
}

function totalMillis(timings) {
  return Object.values(timings).reduce((sum, v) => sum + (Number(v) || 0), 0);
}

/** Renders an object's tags as key/value rows. */
export function renderTags(list, tags) {
  list.replaceChildren(...Object.entries(tags).sort().map(([key, value]) => {
    const row = document.createElement("div");
    row.className = "tag";
    row.dataset.key = key;
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = value;
    row.append(dt, dd);
    return row;
  }));
}
