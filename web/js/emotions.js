// How each label looks. Unknown labels (a future model) still render, in a neutral colour.
// `mark` is the font-free stand-in for the emoji (two letters, no two alike) where no colour emoji font is installed.
const STYLES = {
  neutral: { color: "#a3adbd", emoji: "😐", mark: "Ne" },
  calm: { color: "#4fd1c5", emoji: "😌", mark: "Ca" },
  happy: { color: "#f6c945", emoji: "😄", mark: "Ha" },
  sad: { color: "#6f8cff", emoji: "😢", mark: "Sa" },
  angry: { color: "#ff6b6b", emoji: "😠", mark: "An" },
  fearful: { color: "#c084fc", emoji: "😨", mark: "Fe" },
  disgust: { color: "#84cc16", emoji: "🤢", mark: "Di" },
  surprised: { color: "#fb923c", emoji: "😲", mark: "Su" },
};

export const LABELS = Object.keys(STYLES);

export function emotionStyle(label) {
  const style = STYLES[label] || { color: "#a3adbd", emoji: "🎙️", mark: (label || "?").slice(0, 2) };
  const emoji = hasColourEmoji();
  return { ...style, hasEmoji: emoji, glyph: emoji ? style.emoji : style.mark };
}

let colourEmoji = null;
/**
 * Whether this browser draws emoji in colour. Without a colour emoji font (many Linux desktops, servers) some emoji,
 * disgust's 🤢 first, come out as empty boxes, so the page then shows the letters instead. Decided once, by drawing
 * the newest emoji the page uses and looking for a coloured pixel.
 */
function hasColourEmoji() {
  if (colourEmoji !== null) return colourEmoji;
  colourEmoji = false;
  try {
    const g = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    g.canvas.width = g.canvas.height = 32;
    g.textBaseline = "top";
    g.font = '28px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Twemoji Mozilla", sans-serif';
    g.fillText(STYLES.disgust.emoji, 0, 0);
    const { data } = g.getImageData(0, 0, 32, 32);
    for (let i = 0; i < data.length && !colourEmoji; i += 4) {
      colourEmoji = data[i + 3] > 0 && (Math.abs(data[i] - data[i + 1]) > 30 || Math.abs(data[i + 1] - data[i + 2]) > 30);
    }
  } catch {
    colourEmoji = false;
  }
  return colourEmoji;
}

export function percent(p, digits = 0) {
  return `${(100 * p).toFixed(digits)}%`;
}

export function capitalise(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
