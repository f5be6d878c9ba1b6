//! The template environment: view data → Typst markup.
//!
//! Every value a template prints goes through [`typst_literal`]: text
//! becomes a Typst string literal in markup (`#"…";`, printed literally
//! whatever it contains), numbers stay numbers. Templates therefore print
//! text as `{{ x }}` in markup and as `[{{ x }}]` inside code. The `safe` and
//! `escape` filters are removed and "safe" strings are escaped all the same,
//! so no template, bundled or a court's own, can turn content into code.

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::assets::Templates;
use crate::diag::Diagnostic;

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

/// One value as Typst code that evaluates to exactly that value.
pub fn typst_literal(value: &Value) -> Result<String, Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => Ok(String::new()),
        ValueKind::Bool => Ok(if value.is_true() {
            "true".into()
        } else {
            "false".into()
        }),
        ValueKind::Number => {
            let s = value.to_string();
            // Numbers print as digits, a sign and a point only.
            if s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
            {
                Ok(s)
            } else {
                Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("bilangan tidak sah: {s}"),
                ))
            }
        }
        ValueKind::String => Ok(format!(
            "#{};",
            string_literal(value.as_str().unwrap_or_default())
        )),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            "templat hanya boleh mencetak teks atau bilangan, bukan daftar atau peta",
        )),
    }
}

/// A Typst string literal. The `;` that follows it in markup ends the
/// expression, so a `.x` or `(` after it stays text.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_literals() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny"), r#""x\ny""#);
        assert_eq!(typst_literal(&Value::from(3)).unwrap(), "3");
        assert_eq!(
            typst_literal(&Value::from_safe_string("#sys".into())).unwrap(),
            "#\"#sys\";"
        );
        assert!(typst_literal(&Value::from(vec![1, 2])).is_err());
    }
}
