// Build-time rendering of the shipped glossary's formulas to SVG with MathJax (a devDependency).
// VS Code hovers cannot run KaTeX, and MathJax's TeX→SVG bundle is 1.65 MB minified (573 KB gzipped):
// too big to ship for ~30 fixed formulas. So the build renders them once and the bundle imports the
// result as the virtual module `virtual:glossary-formulas` ({ [tex]: svg }), bundled on its own as
// dist/glossary-formulas.js and required on the first hover that shows a formula.
const fs = require('fs');
const path = require('path');

const VIRTUAL = 'virtual:glossary-formulas';
let convert;

/** TeX → standalone SVG (glyphs as paths, `currentColor` fill). Throws on a TeX error. */
function texToSvg(tex, display = true) {
  if (!convert) {
    const { mathjax } = require('mathjax-full/js/mathjax.js');
    const { TeX } = require('mathjax-full/js/input/tex.js');
    const { SVG } = require('mathjax-full/js/output/svg.js');
    const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
    const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
    require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
    require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
    require('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js');
    require('mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js');
    const adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
    const doc = mathjax.document('', {
      InputJax: new TeX({
        packages: ['base', 'ams', 'boldsymbol', 'newcommand'],
        formatError: (_jax, err) => {
          throw new Error(err.message);
        },
      }),
      // 'local': each SVG carries its own <defs> of glyph paths, so it stands alone as an image.
      OutputJax: new SVG({ fontCache: 'local' }),
    });
    convert = (t, d) => adaptor.innerHTML(doc.convert(t, { display: d }));
  }
  // data-* attributes only help MathJax's own menus and a11y tools: 10% of the bytes.
  const svg = convert(tex, display).replace(/ data-(?:c|mml-node|mjx-texclass|variant)="[^"]*"/g, '');
  if (/<a[\s>]|href="(?!#)/.test(svg)) throw new Error('links are not allowed in glossary formulas');
  return svg;
}

/**
 * { tex: svg } for every `formula` of a glossary file; formulas MathJax rejects are reported and left
 * out. `cache` (tex → svg) spares MathJax's ~1 s cold start when nothing changed.
 */
function renderGlossaryFormulas(glossaryText, warn = console.warn, cache = {}) {
  const out = {};
  let data;
  try {
    data = JSON.parse(glossaryText);
  } catch {
    return out; // the glossary's own tests report syntax errors with positions
  }
  for (const e of Array.isArray(data?.entries) ? data.entries : []) {
    if (typeof e?.formula !== 'string' || !e.formula.trim() || out[e.formula]) continue;
    if (Object.prototype.hasOwnProperty.call(cache, e.formula)) {
      out[e.formula] = cache[e.formula];
      continue;
    }
    try {
      out[e.formula] = texToSvg(e.formula, true);
    } catch (err) {
      warn(`glossary formula of "${e.id}" not rendered (the hover shows its TeX): ${err && err.message}`);
    }
  }
  return out;
}

/** esbuild plugin serving `virtual:glossary-formulas` from lessons/glossary.json (rebuilt when it changes). */
function glossaryFormulasPlugin(glossaryPath) {
  return {
    name: 'glossary-formulas',
    setup(build) {
      build.onResolve({ filter: /^virtual:glossary-formulas$/ }, () => ({
        path: VIRTUAL,
        namespace: 'glossary-formulas',
      }));
      build.onLoad({ filter: /.*/, namespace: 'glossary-formulas' }, () => {
        const warnings = [];
        const text = fs.existsSync(glossaryPath) ? fs.readFileSync(glossaryPath, 'utf8') : '{}';
        const version = require('mathjax-full/package.json').version;
        const cacheFile = path.join(
          path.dirname(glossaryPath),
          '..',
          'node_modules',
          '.cache',
          'interp-lessons',
          `glossary-formulas-${version}.json`,
        );
        let cache = {};
        try {
          cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
        } catch {
          /* first build */
        }
        const svgs = renderGlossaryFormulas(text, (m) => warnings.push({ text: m }), cache);
        try {
          fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
          fs.writeFileSync(cacheFile, JSON.stringify(svgs));
        } catch {
          /* a read-only checkout still builds */
        }
        // CommonJS on purpose: it is an entry point of its own (dist/glossary-formulas.js), required lazily.
        return {
          contents: `module.exports = ${JSON.stringify(svgs)};`,
          loader: 'js',
          watchFiles: [glossaryPath],
          warnings,
        };
      });
    },
  };
}

module.exports = {
  texToSvg,
  renderGlossaryFormulas,
  glossaryFormulasPlugin,
  defaultGlossaryPath: path.join(__dirname, '..', 'lessons', 'glossary.json'),
};
