// Entry of dist/renderer.js: the markdown pipeline, loaded lazily by the extension on first render.
export { renderLesson } from './core/markdown/render';
