// The tokenizer the Model stage chose for new models, remembered in this browser.
export const TOKENIZER_KEY = 'relevance-lab.tokenizer';

export function chosenTokenizer(): string | null {
  return localStorage.getItem(TOKENIZER_KEY);
}

export function chooseTokenizer(id: string | null): void {
  if (id) localStorage.setItem(TOKENIZER_KEY, id);
  else localStorage.removeItem(TOKENIZER_KEY);
}
