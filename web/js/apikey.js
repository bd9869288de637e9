// The API key: asked for once, kept for this tab's session only (sessionStorage, gone when the tab closes), sent only
// to the API (never to the bucket), never written into the page's files.
const STORAGE = "ser.apiKey";

export const apiKey = {
  get: () => sessionStorage.getItem(STORAGE) || "",
  set: (key) => sessionStorage.setItem(STORAGE, key.trim()),
  clear: () => sessionStorage.removeItem(STORAGE),
};
