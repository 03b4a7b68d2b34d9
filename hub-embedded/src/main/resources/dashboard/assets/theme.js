// Dark or light, remembered in localStorage; the system's preference until the user picks one.

const KEY = 'dobby.theme';

export function current() {
  const saved = localStorage.getItem(KEY);
  if (saved === 'dark' || saved === 'light') return saved;
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function apply(theme, button) {
  document.documentElement.dataset.theme = theme;
  if (button) button.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
}

export function setUp(button) {
  apply(current(), button);
  button.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, next);
    apply(next, button);
  });
}
