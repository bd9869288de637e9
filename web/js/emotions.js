// How each label looks. Unknown labels (a future model) still render, in a neutral colour.
const STYLES = {
  neutral: { color: "#a3adbd", emoji: "😐" },
  calm: { color: "#4fd1c5", emoji: "😌" },
  happy: { color: "#f6c945", emoji: "😄" },
  sad: { color: "#6f8cff", emoji: "😢" },
  angry: { color: "#ff6b6b", emoji: "😠" },
  fearful: { color: "#c084fc", emoji: "😨" },
  disgust: { color: "#84cc16", emoji: "🤢" },
  surprised: { color: "#fb923c", emoji: "😲" },
};

export const LABELS = Object.keys(STYLES);

export function emotionStyle(label) {
  return STYLES[label] || { color: "#a3adbd", emoji: "🎙️" };
}

export function percent(p, digits = 0) {
  return `${(100 * p).toFixed(digits)}%`;
}

export function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
