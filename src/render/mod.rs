//! Stage 5, template rendering: view data → Typst markup.
//!
//! In: the templates (bundled, or a court's own) and the [`View`]. Out:
//! the Typst markup of the booklet, or the template's error at its line.
//!
//! Every value a template prints goes through [`literal::typst_literal`]:
//! text becomes a Typst string literal in markup (`#"…";`, printed
//! literally whatever it contains), numbers stay numbers. Templates
//! therefore print text as `{{ x }}` in markup, as `[{{ x }}]` for content
//! inside code, and as `{{ x | str }}` for a string inside code. The `safe`
//! and `escape` filters are removed and "safe" strings are escaped all the
//! same, so no template, bundled or a court's own, can turn content into
//! code.
//!
//! [`View`]: crate::view::View

pub mod literal;

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::content::assets::Templates;
use crate::diag::Diagnostic;
use literal::typst_literal;

/// The template that makes the whole document.
pub const MAIN: &str = "buku.typ.j2";

/// Renders the booklet's Typst markup from the view.
pub fn render<S: serde::Serialize>(templates: &Templates, view: &S) -> Result<String, Diagnostic> {
    let env = environment(templates);
    let tmpl = env.get_template(MAIN).map_err(template_error)?;
    tmpl.render(minijinja::value::Serde(view))
        .map_err(template_error)
}

fn environment(templates: &Templates) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Custom("typst".into()));
    env.set_formatter(|out, _state, value| {
        out.write_str(&typst_literal(value)?)
            .map_err(|_| Error::new(ErrorKind::WriteFailure, "write"))
    });
    for f in ["safe", "escape", "e"] {
        env.remove_filter(f);
    }
    env.add_filter("str", literal::str_filter);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("default delimiters are valid"),
    );
    let templates = templates.clone();
    env.set_loader(move |name| Ok(templates.get(name)));
    env
}

fn template_error(e: Error) -> Diagnostic {
    // An error inside an included template comes wrapped; the innermost
    // one names the file and line that failed.
    let mut inner = &e;
    while let Some(src) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>()) {
        inner = src;
    }
    let mut msg = format!("templat gagal: {}", inner.kind());
    if let Some(d) = inner.detail() {
        msg.push_str(&format!(" ({d})"));
    }
    let place = inner.name().map(|n| crate::diag::Place {
        file: n.into(),
        line: inner.line().unwrap_or(0) as u64,
        column: 1,
    });
    Diagnostic::error(msg).at(place)
}
