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
    let mut one = render_each(templates, std::slice::from_ref(view))?;
    Ok(one.remove(0))
}

/// [`render`] of each of `views`, with one environment (each template
/// compiled once).
pub fn render_each<S: serde::Serialize>(
    templates: &Templates,
    views: &[S],
) -> Result<Vec<String>, Diagnostic> {
    let env = environment(templates);
    let failed = |e| template_error(templates, e);
    let tmpl = env.get_template(MAIN).map_err(failed)?;
    views
        .iter()
        .map(|v| tmpl.render(minijinja::value::Serde(v)).map_err(failed))
        .collect()
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

/// A template's error at its file and line: a court's part at its file in
/// the content folder, a bundled part as `(bawaan)/NAME`; the line quoted
/// from the text rendered, never read again from disk.
fn template_error(templates: &Templates, e: Error) -> Diagnostic {
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
    let line = inner.line().unwrap_or(0);
    let Some(name) = inner.name() else {
        return Diagnostic::error(msg);
    };
    let file = match templates.own().find(|(n, _)| *n == name) {
        Some((_, path)) => path.to_path_buf(),
        // A bundled part has no file: named as bukusop ships it.
        None => std::path::Path::new("(bawaan)").join(name),
    };
    let mut d = Diagnostic::error(msg).at(Some(crate::diag::Place {
        file,
        line: line as u64,
        column: 1,
    }));
    d.baris = templates
        .get(name)
        .and_then(|t| t.lines().nth(line.saturating_sub(1)).map(str::to_string));
    d
}

/// The line of a court's own template that made `line` of the generated
/// markup, found by the template line's literal text (what lies outside
/// `{{ }}`, `{% %}` and `{# #}`): a Typst error there is the template's,
/// and is reported at its file and line.
pub fn asal(templates: &Templates, line: &str) -> Option<crate::diag::Place> {
    let mut best: Option<(usize, crate::diag::Place)> = None;
    for (name, path) in templates.own() {
        let text = templates.get(name).unwrap_or_default();
        for (n, tline) in text.lines().enumerate() {
            let parts = literal_parts(tline);
            let score: usize = parts.iter().map(|p| p.len()).sum();
            if score < 3 || best.as_ref().is_some_and(|(b, _)| *b >= score) {
                continue;
            }
            let mut rest = line;
            let found = parts.iter().all(|p| match rest.find(p) {
                Some(i) => {
                    rest = &rest[i + p.len()..];
                    true
                }
                None => false,
            });
            if found {
                let column = tline.len() - tline.trim_start().len() + 1;
                best = Some((
                    score,
                    crate::diag::Place {
                        file: path.to_path_buf(),
                        line: n as u64 + 1,
                        column: column as u64,
                    },
                ));
            }
        }
    }
    best.map(|(_, p)| p)
}

/// The text of a template line outside its Jinja tags, in pieces.
fn literal_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() {
        parts.push(rest[..open].trim());
        let close = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[open + 2..].find(close) {
            Some(c) => rest = &rest[open + 2 + c + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    parts.push(rest.trim());
    parts.retain(|p| !p.is_empty());
    parts
}
