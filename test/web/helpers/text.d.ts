// Markdown fixtures imported as their text into the web journeys' bundle (the text loader of
// test/host/web-tests-extension.mjs).
declare module '*.md' {
  const text: string;
  export default text;
}
