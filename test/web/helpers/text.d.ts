// Markdown fixtures imported as text into the web journeys' bundle (esbuild's `with { type: 'text' }`).
declare module '*.md' {
  const text: string;
  export default text;
}
